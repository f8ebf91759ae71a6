
/*
 * ---- Harness benchmark, not part of the series ----
 *
 * make bench appends this to drivers/gpu/drm/drm_gem_shmem_helper.c, for
 * the static builder of a granule's sg table.  P4: the time to build the
 * sg table of one 2 MiB granule (512 pages) from its pages in a shmem
 * file's page cache, the same pages each way:
 *   - "array-6.12": what a 6.12 fault does once its page array holds the
 *     pages: sg_alloc_table_from_pages_segment() over that array;
 *   - "array-6.12-again": the same, timed again: the A/A control, whose
 *     ratio to the first is the method's resolution;
 *   - "granule": what population does: count the entries over the folios
 *     as it has them in hand after reading each (here from the array of
 *     the same pages), sg_alloc_table() for exactly them, and fill it from
 *     the entries counting noted if there are at most 16, else from the
 *     page cache (drm_gem_shmem_sparse_fill_sg()).  The report says how
 *     many entries the table has, so which of the two was timed;
 *   - "granule-batch": the same, but filled from folio batches
 *     (filemap_get_folios_contig()), the alternative to the walk without
 *     references.
 * Both for pages as the allocator gives them ("merged") and for pages
 * that do not merge at all ("scattered").
 * Each build is followed by sg_free_table().  Rounds interleave the
 * paths; the ratios reported are medians of per-round ratios, in
 * thousandths.  It prints "BENCH ..." lines and asserts only that the
 * tables are equal.
 */

#include <kunit/test.h>
#include <linux/sort.h>

#define SG_BENCH_PAGES	512
#define SG_BENCH_ROUNDS	31
#define SG_BENCH_ITERS	1000

enum sg_bench_path {
	SG_BENCH_ARRAY, SG_BENCH_ARRAY_AGAIN, SG_BENCH_GRANULE, SG_BENCH_BATCH,
	SG_BENCH_PATHS
};
static const char * const sg_bench_name[] = {
	"array-6.12", "array-6.12-again", "granule", "granule-batch"
};

/*
 * The fill the granule path does not do: from folio batches, as
 * filemap_get_folios_contig() gives them, each folio referenced and put
 * again by the walk, which population already holds.
 */
static void sg_bench_fill_batch(struct address_space *mapping,
				struct drm_gem_shmem_sparse_sg *b)
{
	struct folio_batch fbatch;
	pgoff_t index = 0;
	unsigned int i;

	folio_batch_init(&fbatch);
	while (index < SG_BENCH_PAGES &&
	       filemap_get_folios_contig(mapping, &index, SG_BENCH_PAGES - 1,
					 &fbatch)) {
		for (i = 0; i < folio_batch_count(&fbatch); i++) {
			struct folio *folio = fbatch.folios[i];

			drm_gem_shmem_sparse_sg_add_folio(b, folio, folio->index,
							  folio_next_index(folio));
		}
		folios_put(&fbatch);
	}
	drm_gem_shmem_sparse_sg_finish(b);
}

static int sg_bench_build(enum sg_bench_path path, struct sg_table *sgt,
			  struct address_space *mapping, struct page **pages)
{
	struct drm_gem_shmem_sparse_sg b;
	unsigned int i;
	int ret;

	if (path == SG_BENCH_ARRAY || path == SG_BENCH_ARRAY_AGAIN)
		return sg_alloc_table_from_pages_segment(sgt, pages,
							 SG_BENCH_PAGES, 0,
							 SG_BENCH_PAGES * PAGE_SIZE,
							 UINT_MAX, GFP_KERNEL);

	drm_gem_shmem_sparse_sg_init(&b, UINT_MAX, NULL);
	for (i = 0; i < SG_BENCH_PAGES; i++)
		drm_gem_shmem_sparse_sg_add_folio(&b, page_folio(pages[i]),
						  i, i + 1);
	drm_gem_shmem_sparse_sg_finish(&b);
	ret = sg_alloc_table(sgt, b.nents, GFP_KERNEL);
	if (ret)
		return ret;
	if (drm_gem_shmem_sparse_fill_sg_runs(&b, sgt))
		return 0;
	drm_gem_shmem_sparse_sg_init(&b, UINT_MAX, sgt->sgl);
	if (path == SG_BENCH_GRANULE)
		drm_gem_shmem_sparse_fill_sg(mapping, 0, SG_BENCH_PAGES, &b);
	else
		sg_bench_fill_batch(mapping, &b);
	return 0;
}

static int sg_bench_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void sg_bench_print(struct kunit *test, const char *path,
			   unsigned int nents, u64 *v, const char *unit)
{
	sort(v, SG_BENCH_ROUNDS, sizeof(u64), sg_bench_cmp, NULL);
	kunit_info(test, "BENCH sg_table %s nents=%u min=%llu median=%llu max=%llu %s\n",
		   path, nents, v[0], v[SG_BENCH_ROUNDS / 2],
		   v[SG_BENCH_ROUNDS - 1], unit);
}

/*
 * One layout of the granule's pages: "merged" as the allocator gives them
 * when read in order, "scattered" when read even indices first, so that
 * no two neighbours are contiguous (the walk of the page cache).
 */
static void sg_bench_layout(struct kunit *test, const char *layout,
			    bool scattered)
{
	struct sg_table ref[SG_BENCH_PATHS];
	u64 ns[SG_BENCH_PATHS][SG_BENCH_ROUNDS];
	u64 ratio[SG_BENCH_ROUNDS], aa[SG_BENCH_ROUNDS];
	struct address_space *mapping;
	struct scatterlist *sa, *sb;
	struct page **pages;
	struct file *filp;
	int p, r, it, i, pass;
	unsigned int nents;
	char what[64];

	filp = shmem_file_setup("sg_bench", SG_BENCH_PAGES * PAGE_SIZE, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(filp));
	mapping = filp->f_mapping;
	pages = kunit_kcalloc(test, SG_BENCH_PAGES, sizeof(*pages), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	for (pass = 0; pass < 2; pass++) {
		for (i = scattered ? pass : pass * SG_BENCH_PAGES;
		     i < SG_BENCH_PAGES; i += scattered ? 2 : 1) {
			pages[i] = shmem_read_mapping_page(mapping, i);
			KUNIT_ASSERT_FALSE(test, IS_ERR(pages[i]));
		}
	}

	for (p = 0; p < SG_BENCH_PATHS; p++)
		KUNIT_ASSERT_EQ(test, 0, sg_bench_build(p, &ref[p], mapping, pages));
	nents = ref[SG_BENCH_ARRAY].nents;
	for (p = SG_BENCH_GRANULE; p <= SG_BENCH_BATCH; p++) {
		KUNIT_ASSERT_EQ(test, ref[p].nents, nents);
		sb = ref[SG_BENCH_ARRAY].sgl;
		for_each_sgtable_sg(&ref[p], sa, i) {
			KUNIT_EXPECT_PTR_EQ(test, sg_page(sa), sg_page(sb));
			KUNIT_EXPECT_EQ(test, sa->length, sb->length);
			sb = sg_next(sb);
		}
	}

	/* Interleave the paths, each round starting with another one. */
	for (r = 0; r < SG_BENCH_ROUNDS; r++) {
		for (i = 0; i < SG_BENCH_PATHS; i++) {
			u64 t0 = ktime_get_ns();

			p = (r + i) % SG_BENCH_PATHS;
			for (it = 0; it < SG_BENCH_ITERS; it++) {
				struct sg_table sgt;

				sg_bench_build(p, &sgt, mapping, pages);
				sg_free_table(&sgt);
			}
			ns[p][r] = div_u64(ktime_get_ns() - t0, SG_BENCH_ITERS);
		}
		ratio[r] = div64_u64(ns[SG_BENCH_GRANULE][r] * 1000,
				     ns[SG_BENCH_ARRAY][r]);
		aa[r] = div64_u64(ns[SG_BENCH_ARRAY_AGAIN][r] * 1000,
				  ns[SG_BENCH_ARRAY][r]);
	}
	for (p = 0; p < SG_BENCH_PATHS; p++) {
		snprintf(what, sizeof(what), "%s %s", layout, sg_bench_name[p]);
		sg_bench_print(test, what, nents, ns[p], "ns");
		sg_free_table(&ref[p]);
	}
	snprintf(what, sizeof(what), "%s granule/array-6.12", layout);
	sg_bench_print(test, what, nents, ratio, "permille");
	snprintf(what, sizeof(what), "%s array-6.12-again/array-6.12", layout);
	sg_bench_print(test, what, nents, aa, "permille");
	for (i = 0; i < SG_BENCH_PAGES; i++)
		put_page(pages[i]);
	fput(filp);
}

static void sg_bench_p4_granule_table(struct kunit *test)
{
	sg_bench_layout(test, "merged", false);
	sg_bench_layout(test, "scattered", true);
}

static struct kunit_case sg_bench_cases[] = {
	KUNIT_CASE(sg_bench_p4_granule_table),
	{}
};

static struct kunit_suite sg_bench_suite = {
	.name = "sg_bench",
	.test_cases = sg_bench_cases,
};
kunit_test_suite(sg_bench_suite);
