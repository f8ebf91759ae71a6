// SPDX-License-Identifier: GPL-2.0
/*
 * Harness benchmark, not part of the series: the time to build an sg table
 * from the same pages
 *   - with the 6.12 array helper (its code, copied verbatim below),
 *   - with the array helper of the series (on the shared core),
 *   - with sg_alloc_table_from_xarray().
 * Built into the UML KUnit kernel by `make bench` only.  It prints figures
 * ("BENCH ..." lines) and asserts only that the three tables are equal.
 */

#include <kunit/test.h>
#include <linux/kmemleak.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/xarray.h>

/* ---- 6.12's sg_alloc_append_table_from_pages(), verbatim ---- */

static struct scatterlist *old_sg_kmalloc(unsigned int nents, gfp_t gfp_mask)
{
	if (nents == SG_MAX_SINGLE_ALLOC) {
		void *ptr = (void *) __get_free_page(gfp_mask);
		kmemleak_alloc(ptr, PAGE_SIZE, 1, gfp_mask);
		return ptr;
	} else
		return kmalloc_array(nents, sizeof(struct scatterlist),
				     gfp_mask);
}

static struct scatterlist *old_get_next_sg(struct sg_append_table *table,
				       struct scatterlist *cur,
				       unsigned long needed_sges,
				       gfp_t gfp_mask)
{
	struct scatterlist *new_sg, *next_sg;
	unsigned int alloc_size;

	if (cur) {
		next_sg = sg_next(cur);
		/* Check if last entry should be keeped for chainning */
		if (!sg_is_last(next_sg) || needed_sges == 1)
			return next_sg;
	}

	alloc_size = min_t(unsigned long, needed_sges, SG_MAX_SINGLE_ALLOC);
	new_sg = old_sg_kmalloc(alloc_size, gfp_mask);
	if (!new_sg)
		return ERR_PTR(-ENOMEM);
	sg_init_table(new_sg, alloc_size);
	if (cur) {
		table->total_nents += alloc_size - 1;
		__sg_chain(next_sg, new_sg);
	} else {
		table->sgt.sgl = new_sg;
		table->total_nents = alloc_size;
	}
	return new_sg;
}

static bool old_pages_are_mergeable(struct page *a, struct page *b)
{
	if (page_to_pfn(a) != page_to_pfn(b) + 1)
		return false;
	if (!zone_device_pages_have_same_pgmap(a, b))
		return false;
	return true;
}

/*
 * Global and not inlined, like the real helper: compiled for any caller,
 * without the constants of this file's calls propagated into it.
 */
int old_sg_alloc_append_table_from_pages(struct sg_append_table *sgt_append,
		struct page **pages, unsigned int n_pages, unsigned int offset,
		unsigned long size, unsigned int max_segment,
		unsigned int left_pages, gfp_t gfp_mask);
int old_sg_alloc_table_from_pages_segment(struct sg_table *sgt,
		struct page **pages, unsigned int n_pages, unsigned int offset,
		unsigned long size, unsigned int max_segment, gfp_t gfp_mask);

noinline int old_sg_alloc_append_table_from_pages(struct sg_append_table *sgt_append,
		struct page **pages, unsigned int n_pages, unsigned int offset,
		unsigned long size, unsigned int max_segment,
		unsigned int left_pages, gfp_t gfp_mask)
{
	unsigned int chunks, cur_page, seg_len, i, prv_len = 0;
	unsigned int added_nents = 0;
	struct scatterlist *s = sgt_append->prv;
	struct page *last_pg;

	max_segment = ALIGN_DOWN(max_segment, PAGE_SIZE);
	if (WARN_ON(max_segment < PAGE_SIZE))
		return -EINVAL;

	if (IS_ENABLED(CONFIG_ARCH_NO_SG_CHAIN) && sgt_append->prv)
		return -EOPNOTSUPP;

	if (sgt_append->prv) {
		unsigned long next_pfn = (page_to_phys(sg_page(sgt_append->prv)) +
			sgt_append->prv->offset + sgt_append->prv->length) / PAGE_SIZE;

		if (WARN_ON(offset))
			return -EINVAL;

		/* Merge contiguous pages into the last SG */
		prv_len = sgt_append->prv->length;
		if (page_to_pfn(pages[0]) == next_pfn) {
			last_pg = pfn_to_page(next_pfn - 1);
			while (n_pages && old_pages_are_mergeable(pages[0], last_pg)) {
				if (sgt_append->prv->length + PAGE_SIZE > max_segment)
					break;
				sgt_append->prv->length += PAGE_SIZE;
				last_pg = pages[0];
				pages++;
				n_pages--;
			}
			if (!n_pages)
				goto out;
		}
	}

	/* compute number of contiguous chunks */
	chunks = 1;
	seg_len = 0;
	for (i = 1; i < n_pages; i++) {
		seg_len += PAGE_SIZE;
		if (seg_len >= max_segment ||
		    !old_pages_are_mergeable(pages[i], pages[i - 1])) {
			chunks++;
			seg_len = 0;
		}
	}

	/* merging chunks and putting them into the scatterlist */
	cur_page = 0;
	for (i = 0; i < chunks; i++) {
		unsigned int j, chunk_size;

		/* look for the end of the current chunk */
		seg_len = 0;
		for (j = cur_page + 1; j < n_pages; j++) {
			seg_len += PAGE_SIZE;
			if (seg_len >= max_segment ||
			    !old_pages_are_mergeable(pages[j], pages[j - 1]))
				break;
		}

		/* Pass how many chunks might be left */
		s = old_get_next_sg(sgt_append, s, chunks - i + left_pages,
				gfp_mask);
		if (IS_ERR(s)) {
			if (sgt_append->prv)
				sgt_append->prv->length = prv_len;
			return PTR_ERR(s);
		}
		chunk_size = ((j - cur_page) << PAGE_SHIFT) - offset;
		sg_set_page(s, pages[cur_page],
			    min_t(unsigned long, size, chunk_size), offset);
		added_nents++;
		size -= chunk_size;
		offset = 0;
		cur_page = j;
	}
	sgt_append->sgt.nents += added_nents;
	sgt_append->sgt.orig_nents = sgt_append->sgt.nents;
	sgt_append->prv = s;
out:
	if (!left_pages)
		sg_mark_end(s);
	return 0;
}

noinline int old_sg_alloc_table_from_pages_segment(struct sg_table *sgt,
		struct page **pages, unsigned int n_pages, unsigned int offset,
		unsigned long size, unsigned int max_segment, gfp_t gfp_mask)
{
	struct sg_append_table append = {};
	int err;

	err = old_sg_alloc_append_table_from_pages(&append, pages, n_pages,
						   offset, size, max_segment,
						   0, gfp_mask);
	if (err) {
		sg_free_append_table(&append);
		return err;
	}
	memcpy(sgt, &append.sgt, sizeof(*sgt));
	return 0;
}

/* ---- the benchmark ---- */

#define BENCH_PAGES	512	/* one 2 MiB granule */
#define BENCH_ROUNDS	31
#define BENCH_ITERS	1000

enum bench_path { OLD_ARRAY, NEW_ARRAY, XARRAY, NR_PATHS };
static const char * const path_name[] = { "array-6.12", "array-series", "xarray" };

static int build(enum bench_path path, struct sg_table *sgt,
		 struct page **pages, struct xarray *xa)
{
	switch (path) {
	case OLD_ARRAY:
		return old_sg_alloc_table_from_pages_segment(sgt, pages,
				BENCH_PAGES, 0, BENCH_PAGES * PAGE_SIZE,
				UINT_MAX, GFP_KERNEL);
	case NEW_ARRAY:
		return sg_alloc_table_from_pages_segment(sgt, pages,
				BENCH_PAGES, 0, BENCH_PAGES * PAGE_SIZE,
				UINT_MAX, GFP_KERNEL);
	default:
		return sg_alloc_table_from_xarray(sgt, xa, 0, BENCH_PAGES,
						  UINT_MAX, GFP_KERNEL);
	}
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void expect_same(struct kunit *test, struct sg_table *a, struct sg_table *b)
{
	struct scatterlist *sa, *sb = b->sgl;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, a->nents, b->nents);
	for_each_sgtable_sg(a, sa, i) {
		KUNIT_EXPECT_PTR_EQ(test, sg_page(sa), sg_page(sb));
		KUNIT_EXPECT_EQ(test, sa->length, sb->length);
		sb = sg_next(sb);
	}
}

/* layout: 0 contiguous, 1 scattered (every page alone), 2 runs of 8 */
static void bench_layout(struct kunit *test, const char *name, int layout)
{
	struct page *block, **pages;
	struct sg_table ref[NR_PATHS];
	u64 ns[NR_PATHS][BENCH_ROUNDS];
	struct xarray xa;
	int p, r, it, i;

	block = alloc_pages(GFP_KERNEL, 10);
	KUNIT_ASSERT_NOT_NULL(test, block);
	pages = kcalloc(BENCH_PAGES, sizeof(*pages), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	xa_init(&xa);
	for (i = 0; i < BENCH_PAGES; i++) {
		if (layout == 0)
			pages[i] = block + i;
		else if (layout == 1)
			pages[i] = block + 2 * i;
		else
			pages[i] = block + (i / 8) * 16 + i % 8;
		KUNIT_ASSERT_EQ(test, 0, xa_err(xa_store(&xa, i, pages[i], GFP_KERNEL)));
	}

	for (p = 0; p < NR_PATHS; p++)
		KUNIT_ASSERT_EQ(test, 0, build(p, &ref[p], pages, &xa));
	expect_same(test, &ref[NEW_ARRAY], &ref[OLD_ARRAY]);
	expect_same(test, &ref[XARRAY], &ref[OLD_ARRAY]);

	/* Interleave the paths round by round: drift hits them alike. */
	for (r = 0; r < BENCH_ROUNDS; r++) {
		for (p = 0; p < NR_PATHS; p++) {
			u64 t0 = ktime_get_ns();

			for (it = 0; it < BENCH_ITERS; it++) {
				struct sg_table sgt;

				build(p, &sgt, pages, &xa);
				sg_free_table(&sgt);
			}
			ns[p][r] = div_u64(ktime_get_ns() - t0, BENCH_ITERS);
		}
	}
	for (p = 0; p < NR_PATHS; p++) {
		sort(ns[p], BENCH_ROUNDS, sizeof(u64), cmp_u64, NULL);
		kunit_info(test, "BENCH sg_table %s %s nents=%u min=%llu median=%llu max=%llu ns\n",
			   name, path_name[p], ref[p].nents, ns[p][0],
			   ns[p][BENCH_ROUNDS / 2], ns[p][BENCH_ROUNDS - 1]);
		sg_free_table(&ref[p]);
	}
	xa_destroy(&xa);
	kfree(pages);
	__free_pages(block, 10);
}

static void sg_bench_contiguous(struct kunit *test)
{
	bench_layout(test, "contiguous", 0);
}

static void sg_bench_scattered(struct kunit *test)
{
	bench_layout(test, "scattered", 1);
}

static void sg_bench_runs8(struct kunit *test)
{
	bench_layout(test, "runs-of-8", 2);
}

static struct kunit_case sg_bench_cases[] = {
	KUNIT_CASE(sg_bench_contiguous),
	KUNIT_CASE(sg_bench_scattered),
	KUNIT_CASE(sg_bench_runs8),
	{}
};

static struct kunit_suite sg_bench_suite = {
	.name = "sg_bench",
	.test_cases = sg_bench_cases,
};
kunit_test_suite(sg_bench_suite);
MODULE_LICENSE("GPL");
