
/*
 * ---- Harness only, not part of the series ----
 *
 * make bench appends bench/dense_612.c (6.12's fault path) and this file
 * to panfrost_thp_test.c (for its device, whose registers are plain
 * memory), in the benchmark commit on top of the series
 * (refs/series/bench), and runs it on x86_64 under QEMU: User-Mode Linux
 * has no transparent huge pages.  Figures are printed as BENCH-P5 lines;
 * scripts/bench.sh turns them into CSV.
 *
 * P5 (Panfrost) a fault in a 2 MiB granule of a 64 MiB heap, not the
 *    heap's first (the upper page table levels and 6.12's page array
 *    exist), in a fresh address space each round:
 *    - heap-huge: the driver's fault handler, the heap on the device's
 *      huge mount: one 2 MiB folio, one block entry;
 *    - heap-small: the same handler, the heap's file on the kernel's
 *      mount: 512 small folios and a level-3 table;
 *    - heap-dense-6.12: 6.12's path (dense_612.c) on the kernel's mount,
 *      the only one 6.12 had, at the GPU addresses of an unused heap.
 *    Timed round by round, each path in turn first, heap-huge twice (the
 *    A/A control); ratios are medians of per-round ratios.  Then, in
 *    rounds of their own (the tracepoint costs time), the page
 *    allocations of each fault, by kind: 2 MiB folios, small pages of the
 *    object's mapping (its gfp has __GFP_HIGHMEM, which the kernel's own
 *    allocations never ask for), page tables (io-pgtable asks for
 *    __GFP_ZERO, which the slab allocator never passes on to the page
 *    allocator), and the rest (new slabs).
 */

#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/sort.h>

#define P5_ROUNDS	31
#define P5_COUNTS	5
#define P5_HEAP		SZ_64M

enum p5_path { P5_HUGE, P5_HUGE_AGAIN, P5_SMALL, P5_DENSE, P5_PATHS };

static const char * const p5_names[P5_PATHS] = {
	"heap-huge", "heap-huge-again", "heap-small", "heap-dense-6.12",
};

/* Page allocations of the test's task while counting is on, by kind. */
struct p5_allocs {
	struct task_struct *task;
	atomic_t huge, data, tables, other;
};

static void p5_allocs_probe(void *data, struct page *page, unsigned int order,
			    gfp_t gfp, int migratetype)
{
	struct p5_allocs *c = data;

	if (!in_task() || current != c->task)
		return;
	if (order == HPAGE_PMD_ORDER)
		atomic_inc(&c->huge);
	else if (gfp & __GFP_HIGHMEM)	/* the GEM mapping's, no one else's */
		atomic_inc(&c->data);
	else if (gfp & __GFP_ZERO)	/* io-pgtable's; slabs do not pass it */
		atomic_inc(&c->tables);
	else
		atomic_inc(&c->other);
}

/*
 * A heap of @tf's address space, on the device's huge mount or, if
 * !@huge, on the kernel's: the mount is hidden from drm_gem_object_init()
 * while the heap is created.
 */
static struct panfrost_gem_object *p5_heap(struct kunit *test,
					   struct test_file *tf, bool huge,
					   u64 *va)
{
	struct panfrost_device *pfdev = test->priv;
	struct vfsmount *mnt = pfdev->ddev->huge_mnt;
	struct panfrost_gem_object *bo;

	if (!huge)
		pfdev->ddev->huge_mnt = NULL;
	bo = thp_heap_create(test, tf, P5_HEAP, va);
	pfdev->ddev->huge_mnt = mnt;
	return bo;
}

/*
 * One round of @path: a fresh address space and heap, the heap's first
 * fault, then the timed one, in the next granule; counted in @c if not
 * NULL.  Returns its ns.
 */
static u64 p5_fault(struct kunit *test, enum p5_path path, struct p5_allocs *c)
{
	struct panfrost_device *pfdev = test->priv;
	struct test_file *tf = thp_file_open(test);
	struct dense_heap *h = NULL;
	u64 va, t0, t1;
	int ret;

	if (path == P5_DENSE) {
		struct vfsmount *mnt = pfdev->ddev->huge_mnt;

		pfdev->ddev->huge_mnt = NULL;
		h = dense_heap_create(test, pfdev->ddev, P5_HEAP);
		pfdev->ddev->huge_mnt = mnt;
		p5_heap(test, tf, false, &va);	/* its GPU addresses */
		h->ops = tf->mmu->pgtbl_ops;
		h->va = va;
		h->pfdev = pfdev;
		h->as = tf->as;
		KUNIT_ASSERT_EQ(test, dense_fault(h, SZ_4K), 0);
	} else {
		p5_heap(test, tf, path != P5_SMALL, &va);
		KUNIT_ASSERT_EQ(test, thp_fault(test, tf, va + SZ_4K), 0);
	}

	if (c) {
		ret = register_trace_mm_page_alloc(p5_allocs_probe, c);
		KUNIT_ASSERT_EQ(test, ret, 0);
	}
	t0 = ktime_get_ns();
	if (h)
		ret = dense_fault(h, SZ_2M + SZ_4K);
	else
		ret = thp_fault(test, tf, va + SZ_2M + SZ_4K);
	t1 = ktime_get_ns();
	if (c) {
		unregister_trace_mm_page_alloc(p5_allocs_probe, c);
		tracepoint_synchronize_unregister();
	}
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_NE(test, tf->mmu->pgtbl_ops->iova_to_phys(tf->mmu->pgtbl_ops,
							       va + SZ_2M), 0);
	/* Small pages that happen to make an aligned 2 MiB run map as a block. */
	if (path == P5_HUGE || path == P5_HUGE_AGAIN)
		KUNIT_EXPECT_EQ(test,
				thp_level2_desc(tf, va + SZ_2M) & LPAE_TYPE_MASK,
				LPAE_TYPE_BLOCK);

	if (h)
		dense_heap_free(h);
	test_file_close(tf);
	flush_work(&pfdev->fault_mapping_put_work);
	flush_delayed_fput();
	return t1 - t0;
}

static int p5_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void p5_report(struct kunit *test, const char *path, u64 *v,
		      unsigned int n, const char *unit)
{
	sort(v, n, sizeof(u64), p5_cmp_u64, NULL);
	kunit_info(test, "BENCH-P5 path=%s min=%llu median=%llu max=%llu %s\n",
		   path, v[0], v[n / 2], v[n - 1], unit);
}

static void p5_ratio(struct kunit *test, enum p5_path a, enum p5_path b,
		     u64 (*ns)[P5_ROUNDS])
{
	u64 ratio[P5_ROUNDS];
	char name[48];
	unsigned int r;

	for (r = 0; r < P5_ROUNDS; r++)
		ratio[r] = div64_u64(ns[a][r] * 1000, ns[b][r]);
	snprintf(name, sizeof(name), "%s/%s", p5_names[a], p5_names[b]);
	p5_report(test, name, ratio, P5_ROUNDS, "permille");
}

static void panfrost_bench_p5_heap_faults(struct kunit *test)
{
	u64 (*ns)[P5_ROUNDS];
	unsigned int r, k;
	enum p5_path p;

	ns = kunit_kcalloc(test, P5_PATHS, sizeof(*ns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ns);
	for (r = 0; r < P5_ROUNDS; r++)
		for (k = 0; k < P5_PATHS; k++) {
			p = (r + k) % P5_PATHS;
			ns[p][r] = p5_fault(test, p, NULL);
		}

	p5_ratio(test, P5_HUGE, P5_DENSE, ns);
	p5_ratio(test, P5_SMALL, P5_DENSE, ns);
	p5_ratio(test, P5_HUGE_AGAIN, P5_HUGE, ns);
	for (p = 0; p < P5_PATHS; p++)
		p5_report(test, p5_names[p], ns[p], P5_ROUNDS, "ns");

	for (p = 0; p < P5_PATHS; p++) {
		u64 huge[P5_COUNTS], data[P5_COUNTS], tables[P5_COUNTS];
		u64 other[P5_COUNTS];

		if (p == P5_HUGE_AGAIN)
			continue;
		for (r = 0; r < P5_COUNTS; r++) {
			struct p5_allocs c = { .task = current };

			p5_fault(test, p, &c);
			huge[r] = atomic_read(&c.huge);
			data[r] = atomic_read(&c.data);
			tables[r] = atomic_read(&c.tables);
			other[r] = atomic_read(&c.other);
		}
		p5_report(test, p5_names[p], huge, P5_COUNTS, "huge-folios");
		p5_report(test, p5_names[p], data, P5_COUNTS, "small-data-pages");
		p5_report(test, p5_names[p], tables, P5_COUNTS, "page-table-pages");
		p5_report(test, p5_names[p], other, P5_COUNTS, "other-pages");
	}
}

static struct kunit_case panfrost_heap_thp_bench_cases[] = {
	KUNIT_CASE(panfrost_bench_p5_heap_faults),
	{}
};

static struct kunit_suite panfrost_heap_thp_bench_suite = {
	.name = "panfrost_heap_thp_bench",
	.init = panfrost_thp_test_init,
	.test_cases = panfrost_heap_thp_bench_cases,
};

kunit_test_suite(panfrost_heap_thp_bench_suite);
