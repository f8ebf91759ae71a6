
/*
 * ---- Harness only, not part of the series ----
 *
 * make bench appends demo/panfrost_heap_demo.c (for its ksize() walkers),
 * bench/dense_612.c (6.12's fault path) and this file to
 * panfrost_heap_test.c (for its emulated GPU), in the benchmark commit on
 * top of the series (refs/series/bench).  Figures are printed as
 * BENCH-P<n> lines; scripts/bench.sh turns them into CSV.
 *
 * The 6.12 dense path (dense_612.c) sends its MMU flush to the emulated
 * GPU's registers as the sparse path's is.  P1 runs it without a GPU: no
 * lookup, no page table, no flush.
 *
 * P1 metadata: heaps of 64 MiB to 4 GiB populated to 1, 10 and 100 %
 *    (granules from the start, as a tiler heap grows) through the sparse
 *    helpers, then the dense algorithm run over the same object, so over
 *    the same pages (how far pages merge in an sg table depends on where
 *    they are, not on the path; each run starts with the per-CPU page
 *    lists drained, see bench_p1_one()); bytes measured with ksize() of
 *    what each holds (see the demo), GPU page tables left out (both paths
 *    have the same).  4 GiB does not fit Panfrost's GPU address space, so P1 works
 *    on shmem objects directly, without the GPU.
 * P2 time of a fault in a 2 MiB granule of a 1 GiB heap (not the first):
 *    sparse (the driver's fault handler), dense, dense again (the A/A
 *    control), and the floor: 512 pages of a GEM object's mapping read
 *    with the sparse fault's page gfp and their sg table built, nothing
 *    else.  Ratios are medians of per-round ratios.
 * P3 time of the first fault in a 1 GiB heap: sparse, dense, dense again.
 * Timings are of User-Mode Linux, ratios of paths in the same boot.
 */

#include <linux/ktime.h>
#include <linux/shmem_fs.h>
#include <linux/sort.h>

#define BENCH_ROUNDS		31
#define BENCH_GRANULE_PAGES	(SZ_2M >> PAGE_SHIFT)

static unsigned int bench_p1_max_mib = 4096;
module_param(bench_p1_max_mib, uint, 0444);
MODULE_PARM_DESC(bench_p1_max_mib, "make bench: largest heap of P1, MiB");
static unsigned int bench_p1_repeats = 3;
module_param(bench_p1_repeats, uint, 0444);
MODULE_PARM_DESC(bench_p1_repeats, "make bench: repeats of P1");

/* ---- The 6.12 dense path (bench/dense_612.c): what it holds ---- */

/* Bytes of the dense path's sg tables' chunks alone. */
static size_t dense_heap_sg_bytes(struct dense_heap *h)
{
	unsigned int g;
	size_t bytes = 0;

	for (g = 0; h->pages && g < h->shmem->base.size / SZ_2M; g++)
		if (h->sgts[g].sgl)
			bytes += demo_sgt_bytes(&h->sgts[g]);
	return bytes;
}

/* Bytes the dense path holds: its two arrays and the sg tables' chunks. */
static size_t dense_heap_bytes(struct dense_heap *h)
{
	size_t size = h->shmem->base.size;

	if (!h->pages)
		return 0;
	return demo_alloc_size(h->pages, (size >> PAGE_SHIFT) * sizeof(*h->pages)) +
	       demo_alloc_size(h->sgts, size / SZ_2M * sizeof(*h->sgts)) +
	       dense_heap_sg_bytes(h);
}

/* ---- P1: metadata ---- */

struct sparse_obj {
	struct drm_gem_shmem_object *shmem;
	struct drm_gem_shmem_sparse sparse;
	struct mutex lock;
};

/*
 * Populate @granules granules of a sparse object of @size and measure what
 * it holds; then run the dense algorithm over the same object (its reads
 * find the same pages in the page cache) and measure what that holds.
 */
static void bench_p1_one(struct kunit *test, struct drm_device *drm,
			 size_t size, unsigned int granules, u64 *bytes)
{
	struct sparse_obj *o = kzalloc(sizeof(*o), GFP_KERNEL);
	struct dense_heap *h = kzalloc(sizeof(*h), GFP_KERNEL);
	unsigned int g;

	KUNIT_ASSERT_NOT_NULL(test, o);
	KUNIT_ASSERT_NOT_NULL(test, h);
	/*
	 * Not in the order the run before freed its pages: the per-CPU lists
	 * hand them out last freed first, in descending order, where no two
	 * merge in an sg table.  From the buddy lists, they come ascending.
	 */
	drain_all_pages(NULL);
	mutex_init(&o->lock);
	o->shmem = drm_gem_shmem_create(drm, size);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, o->shmem);
	KUNIT_ASSERT_EQ(test, 0, drm_gem_shmem_sparse_init(o->shmem, &o->sparse,
							   ilog2(BENCH_GRANULE_PAGES),
							   &o->lock));
	mutex_lock(&o->lock);
	for (g = 0; g < granules; g++) {
		pgoff_t first = (pgoff_t)g * BENCH_GRANULE_PAGES;

		KUNIT_ASSERT_EQ(test, 0,
				drm_gem_shmem_sparse_populate(o->shmem, first,
								     BENCH_GRANULE_PAGES,
								     GFP_KERNEL,
								     GFP_KERNEL));
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test,
					     drm_gem_shmem_sparse_get_sgt(o->shmem, first,
										 drm->dev,
										 NULL));
	}
	bytes[0] = demo_shmem_sparse_bytes(o->shmem);
	bytes[2] = demo_sparse_sg_bytes(o->shmem);
	mutex_unlock(&o->lock);
	KUNIT_EXPECT_EQ(test, drm_gem_shmem_rss(o->shmem),
			(size_t)granules * SZ_2M);

	h->shmem = o->shmem;
	h->borrowed = true;
	h->dev = drm->dev;
	for (g = 0; g < granules; g++)
		KUNIT_ASSERT_EQ(test, 0, dense_fault(h, (u64)g * SZ_2M));
	bytes[1] = dense_heap_bytes(h);
	bytes[3] = dense_heap_sg_bytes(h);
	dense_heap_free(h);

	drm_gem_object_put(&o->shmem->base);
	flush_delayed_fput();
	mutex_destroy(&o->lock);
	kfree(o);
}

static int bench_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void bench_report(struct kunit *test, const char *what, u64 *v,
			 unsigned int n, const char *unit)
{
	sort(v, n, sizeof(u64), bench_cmp_u64, NULL);
	kunit_info(test, "%s min=%llu median=%llu max=%llu %s\n", what, v[0],
		   v[n / 2], v[n - 1], unit);
}

static void panfrost_bench_p1_metadata(struct kunit *test)
{
	static const unsigned int sizes_mib[] = { 64, 256, 1024, 4096 };
	static const unsigned int percents[] = { 1, 10, 100 };
	struct fake_gpu *gpu = test->priv;
	struct drm_device *drm = gpu->pfdev.ddev;
	static const char * const paths[] = { "sparse", "dense", "sparse-sg", "dense-sg" };
	unsigned int repeats = clamp(bench_p1_repeats, 1U, 15U);
	u64 bytes[ARRAY_SIZE(paths)][15];
	unsigned int s, p, r, k;

	for (s = 0; s < ARRAY_SIZE(sizes_mib); s++) {
		size_t size = (size_t)sizes_mib[s] << 20;

		if (sizes_mib[s] > bench_p1_max_mib)
			continue;
		for (p = 0; p < ARRAY_SIZE(percents); p++) {
			unsigned int granules = max(1UL, DIV_ROUND_CLOSEST(size / SZ_2M *
									    percents[p], 100));
			char what[96];

			for (r = 0; r < repeats; r++) {
				u64 b[ARRAY_SIZE(paths)];

				bench_p1_one(test, drm, size, granules, b);
				for (k = 0; k < ARRAY_SIZE(paths); k++)
					bytes[k][r] = b[k];
			}
			/* Over the same pages, both paths build the same tables. */
			KUNIT_EXPECT_EQ(test, bytes[2][0], bytes[3][0]);
			for (k = 0; k < ARRAY_SIZE(paths); k++) {
				snprintf(what, sizeof(what),
					 "BENCH-P1 size_mib=%u percent=%u granules=%u path=%s",
					 sizes_mib[s], percents[p], granules, paths[k]);
				bench_report(test, what, bytes[k], repeats, "bytes");
			}
		}
	}
}

/* ---- P2, P3: fault times ---- */

/*
 * The floor: read the 512 pages of a granule of a GEM object's mapping with
 * the sparse fault's page gfp (the mapping's, without direct reclaim) and
 * build their sg table, nothing else.
 */
static u64 bench_floor(struct kunit *test)
{
	struct fake_gpu *gpu = test->priv;
	struct drm_gem_shmem_object *shmem;
	struct address_space *mapping;
	struct page **pages = kcalloc(BENCH_GRANULE_PAGES, sizeof(*pages),
				      GFP_KERNEL);
	struct sg_table sgt;
	unsigned int i;
	gfp_t gfp;
	u64 t0, ns;

	KUNIT_ASSERT_NOT_NULL(test, pages);
	shmem = drm_gem_shmem_create(gpu->pfdev.ddev, SZ_2M);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, shmem);
	mapping = shmem->base.filp->f_mapping;
	gfp = mapping_gfp_mask(mapping) & ~__GFP_DIRECT_RECLAIM;
	t0 = ktime_get_ns();
	for (i = 0; i < BENCH_GRANULE_PAGES; i++) {
		struct folio *folio = shmem_read_folio_nowait(mapping, i, gfp);

		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, folio);
		pages[i] = folio_file_page(folio, i);
	}
	KUNIT_ASSERT_EQ(test, 0, sg_alloc_table_from_pages(&sgt, pages,
							   BENCH_GRANULE_PAGES, 0,
							   SZ_2M, GFP_NOWAIT));
	ns = ktime_get_ns() - t0;
	sg_free_table(&sgt);
	for (i = 0; i < BENCH_GRANULE_PAGES; i++)
		put_page(pages[i]);
	kfree(pages);
	drm_gem_object_put(&shmem->base);
	flush_delayed_fput();
	return ns;
}

/* A heap BO of @size with a handle in @tf; returns the handle. */
static u32 bench_heap(struct kunit *test, struct test_file *tf, size_t size,
		      struct panfrost_gem_object **bo)
{
	struct fake_gpu *gpu = test->priv;
	u32 handle;

	*bo = panfrost_gem_create(gpu->pfdev.ddev, size,
				  PANFROST_BO_HEAP | PANFROST_BO_NOEXEC);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, *bo);
	KUNIT_ASSERT_EQ(test, 0, drm_gem_handle_create(tf->file, &(*bo)->base.base,
						       &handle));
	drm_gem_object_put(&(*bo)->base.base);
	return handle;
}

/* Sparse: the driver's fault handler, first fault then the next granule. */
static void bench_sparse_faults(struct kunit *test, struct test_file *tf,
				u64 *first, u64 *next)
{
	struct fake_gpu *gpu = test->priv;
	struct panfrost_gem_object *bo;
	u32 handle = bench_heap(test, tf, SZ_1G, &bo);
	u64 va = bo_gpu_va(test, bo, tf), t0;

	t0 = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, 0, panfrost_mmu_map_fault_addr(&gpu->pfdev, tf->as,
							     va + SZ_4K));
	*first = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, 0, panfrost_mmu_map_fault_addr(&gpu->pfdev, tf->as,
							     va + SZ_2M + SZ_4K));
	*next = ktime_get_ns() - t0;
	KUNIT_ASSERT_EQ(test, 0, drm_gem_handle_delete(tf->file, handle));
	flush_delayed_fput();
}

/* Dense: the 6.12 path, mapping at the GPU addresses of an unused heap. */
static void bench_dense_faults(struct kunit *test, struct test_file *tf,
			       u64 *first, u64 *next)
{
	struct fake_gpu *gpu = test->priv;
	struct dense_heap *h = dense_heap_create(test, gpu->pfdev.ddev, SZ_1G);
	struct panfrost_gem_object *va_bo;
	u32 handle = bench_heap(test, tf, SZ_1G, &va_bo);
	u64 t0;

	h->ops = tf->mmu->pgtbl_ops;
	h->va = bo_gpu_va(test, va_bo, tf);
	h->pfdev = &gpu->pfdev;
	h->as = tf->as;
	t0 = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, 0, dense_fault(h, SZ_4K));
	*first = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, 0, dense_fault(h, SZ_2M + SZ_4K));
	*next = ktime_get_ns() - t0;
	KUNIT_EXPECT_NE(test, h->ops->iova_to_phys(h->ops, h->va + SZ_2M), 0);
	dense_heap_free(h);
	KUNIT_ASSERT_EQ(test, 0, drm_gem_handle_delete(tf->file, handle));
	flush_delayed_fput();
}

/* One value a round, freed with the test (too many for the stack). */
static u64 *bench_array(struct kunit *test)
{
	u64 *v = kunit_kcalloc(test, BENCH_ROUNDS, sizeof(*v), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, v);
	return v;
}

/* Per-round ratios @a[r] / @b[r], in thousandths. */
static void bench_ratios(u64 *ratio, const u64 *a, const u64 *b)
{
	unsigned int r;

	for (r = 0; r < BENCH_ROUNDS; r++)
		ratio[r] = div64_u64(a[r] * 1000, b[r]);
}

static void panfrost_bench_p2_p3_faults(struct kunit *test)
{
	struct test_file *tf = test_file_open(test);
	u64 *sparse_first = bench_array(test), *sparse_next = bench_array(test);
	u64 *dense_first = bench_array(test), *dense_next = bench_array(test);
	u64 *again_first = bench_array(test), *again_next = bench_array(test);
	u64 *floor = bench_array(test), *ratio = bench_array(test);
	unsigned int r, k;

	/*
	 * Round by round, each path in turn first: drift hits them alike.
	 * The dense path runs twice a round: the A/A control.
	 */
	for (r = 0; r < BENCH_ROUNDS; r++) {
		for (k = 0; k < 4; k++) {
			switch ((r + k) % 4) {
			case 0:
				bench_sparse_faults(test, tf, &sparse_first[r],
						    &sparse_next[r]);
				break;
			case 1:
				bench_dense_faults(test, tf, &dense_first[r],
						   &dense_next[r]);
				break;
			case 2:
				bench_dense_faults(test, tf, &again_first[r],
						   &again_next[r]);
				break;
			default:
				floor[r] = bench_floor(test);
				break;
			}
		}
	}
	bench_ratios(ratio, sparse_next, dense_next);
	bench_report(test, "BENCH-P2 path=sparse/dense", ratio, BENCH_ROUNDS, "permille");
	bench_ratios(ratio, again_next, dense_next);
	bench_report(test, "BENCH-P2 path=dense-again/dense", ratio, BENCH_ROUNDS, "permille");
	bench_ratios(ratio, sparse_next, floor);
	bench_report(test, "BENCH-P2 path=sparse/floor", ratio, BENCH_ROUNDS, "permille");
	bench_ratios(ratio, sparse_first, dense_first);
	bench_report(test, "BENCH-P3 path=sparse/dense", ratio, BENCH_ROUNDS, "permille");
	bench_ratios(ratio, again_first, dense_first);
	bench_report(test, "BENCH-P3 path=dense-again/dense", ratio, BENCH_ROUNDS, "permille");
	bench_report(test, "BENCH-P2 path=sparse", sparse_next, BENCH_ROUNDS, "ns");
	bench_report(test, "BENCH-P2 path=dense", dense_next, BENCH_ROUNDS, "ns");
	bench_report(test, "BENCH-P2 path=dense-again", again_next, BENCH_ROUNDS, "ns");
	bench_report(test, "BENCH-P2 path=floor", floor, BENCH_ROUNDS, "ns");
	bench_report(test, "BENCH-P3 path=sparse", sparse_first, BENCH_ROUNDS, "ns");
	bench_report(test, "BENCH-P3 path=dense", dense_first, BENCH_ROUNDS, "ns");
	bench_report(test, "BENCH-P3 path=dense-again", again_first, BENCH_ROUNDS, "ns");
}

static struct kunit_case panfrost_heap_bench_cases[] = {
	KUNIT_CASE(panfrost_bench_p2_p3_faults),
	KUNIT_CASE(panfrost_bench_p1_metadata),
	{}
};

static struct kunit_suite panfrost_heap_bench_suite = {
	.name = "panfrost_heap_bench",
	.init = panfrost_heap_test_init,
	.test_cases = panfrost_heap_bench_cases,
};

kunit_test_suite(panfrost_heap_bench_suite);
