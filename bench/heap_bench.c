
/*
 * ---- Harness only, not part of the series ----
 *
 * make bench appends demo/panfrost_heap_demo.c (for its ksize() walkers)
 * and this file to panfrost_heap_test.c (for its emulated GPU), in the
 * benchmark commit on top of the series (refs/series/bench).  Figures are
 * printed as BENCH-P<n> lines; scripts/bench.sh turns them into CSV.
 *
 * The 6.12 dense path is re-implemented below from 6.12's
 * panfrost_mmu_map_fault_addr() and mmu_map_sg(): the GPU address looked up
 * in the address space (a reference on the mapping found), a page array
 * and an sg_table array kvmalloc()ed for the whole heap at the first fault,
 * the 512 pages of the granule read with shmem_read_mapping_page(), an sg
 * table from the page array, DMA-mapped, its pages mapped in the GPU page
 * table, all under the reservation lock, then the MMU flush of the range
 * (LOCK, FLUSH_PT, on the emulated GPU's registers as the sparse path's).
 * P1 runs it without a GPU: no lookup, no page table, no flush.
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

#include <linux/iommu.h>
#include <linux/iopoll.h>
#include <linux/ktime.h>
#include <linux/pm_runtime.h>
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

/* ---- The 6.12 dense path ---- */

struct dense_heap {
	struct drm_gem_shmem_object *shmem;
	bool borrowed;			/* @shmem is not ours to free */
	struct page **pages;
	struct sg_table *sgts;
	struct device *dev;
	struct io_pgtable_ops *ops;	/* NULL: no GPU mapping (P1) */
	u64 va;
	struct panfrost_device *pfdev;	/* with @ops: the GPU's */
	int as;
};

/* 6.12's get_pgsize(), verbatim. */
static size_t dense_get_pgsize(u64 addr, size_t size, size_t *count)
{
	size_t blk_offset = -addr % SZ_2M;

	if (blk_offset || size < SZ_2M) {
		*count = min_not_zero(blk_offset, size) / SZ_4K;
		return SZ_4K;
	}
	blk_offset = -addr % SZ_1G ?: SZ_1G;
	*count = min(blk_offset, size) / SZ_2M;
	return SZ_2M;
}

/* 6.12's mmu_map_sg() but its flush, which dense_flush_range() does. */
static void dense_map_sg(struct io_pgtable_ops *ops, u64 iova, int prot,
			 struct sg_table *sgt)
{
	struct scatterlist *sgl;
	unsigned int count;

	for_each_sgtable_dma_sg(sgt, sgl, count) {
		unsigned long paddr = sg_dma_address(sgl);
		size_t len = sg_dma_len(sgl);

		while (len) {
			size_t pgcount, mapped = 0;
			size_t pgsize = dense_get_pgsize(iova | paddr, len, &pgcount);

			ops->map_pages(ops, iova, paddr, pgsize, pgcount, prot,
				       GFP_KERNEL, &mapped);
			mapped = max(mapped, pgsize);
			iova += mapped;
			paddr += mapped;
			len -= mapped;
		}
	}
}

/* 6.12's panfrost_mmu_map_fault_addr() from its lock on, for @offset. */
static int dense_fault_locked(struct dense_heap *h, u64 offset)
{
	struct drm_gem_object *obj = &h->shmem->base;
	pgoff_t page_offset = (offset & ~((u64)SZ_2M - 1)) >> PAGE_SHIFT;
	struct address_space *mapping;
	struct sg_table *sgt;
	struct page **pages;
	int ret = 0, i;

	dma_resv_lock(obj->resv, NULL);
	if (!h->pages) {
		h->sgts = kvmalloc_array(obj->size / SZ_2M, sizeof(struct sg_table),
					 GFP_KERNEL | __GFP_ZERO);
		if (!h->sgts) {
			ret = -ENOMEM;
			goto out;
		}
		pages = kvmalloc_array(obj->size >> PAGE_SHIFT,
				       sizeof(struct page *), GFP_KERNEL | __GFP_ZERO);
		if (!pages) {
			kvfree(h->sgts);
			h->sgts = NULL;
			ret = -ENOMEM;
			goto out;
		}
		h->pages = pages;
	} else {
		pages = h->pages;
		if (pages[page_offset])
			goto out;
	}

	mapping = obj->filp->f_mapping;
	mapping_set_unevictable(mapping);
	for (i = page_offset; i < page_offset + BENCH_GRANULE_PAGES; i++) {
		if (pages[i])
			continue;
		pages[i] = shmem_read_mapping_page(mapping, i);
		if (IS_ERR(pages[i])) {
			ret = PTR_ERR(pages[i]);
			pages[i] = NULL;
			goto out;
		}
	}

	sgt = &h->sgts[page_offset / BENCH_GRANULE_PAGES];
	ret = sg_alloc_table_from_pages(sgt, pages + page_offset,
					BENCH_GRANULE_PAGES, 0, SZ_2M, GFP_KERNEL);
	if (ret)
		goto out;
	ret = dma_map_sgtable(h->dev, sgt, DMA_BIDIRECTIONAL, 0);
	if (ret) {
		sg_free_table(sgt);
		goto out;
	}
	if (h->ops)
		dense_map_sg(h->ops, h->va + ((u64)page_offset << PAGE_SHIFT),
			     IOMMU_WRITE | IOMMU_READ | IOMMU_NOEXEC, sgt);
out:
	dma_resv_unlock(obj->resv);
	return ret;
}

/* 6.12's addr_to_mapping(), verbatim but for its name. */
static struct panfrost_gem_mapping *
dense_addr_to_mapping(struct panfrost_device *pfdev, int as, u64 addr)
{
	struct panfrost_gem_mapping *mapping = NULL;
	struct drm_mm_node *node;
	u64 offset = addr >> PAGE_SHIFT;
	struct panfrost_mmu *mmu;

	spin_lock(&pfdev->as_lock);
	list_for_each_entry(mmu, &pfdev->as_lru_list, list) {
		if (as == mmu->as)
			goto found_mmu;
	}
	goto out;

found_mmu:

	spin_lock(&mmu->mm_lock);

	drm_mm_for_each_node(node, &mmu->mm) {
		if (offset >= node->start &&
		    offset < (node->start + node->size)) {
			mapping = drm_mm_node_to_panfrost_mapping(node);

			kref_get(&mapping->refcount);
			break;
		}
	}

	spin_unlock(&mmu->mm_lock);
out:
	spin_unlock(&pfdev->as_lock);
	return mapping;
}

/* 6.12's wait_ready(), without its reset on a stuck GPU. */
static int dense_wait_ready(struct panfrost_device *pfdev, u32 as_nr)
{
	u32 val;

	return readl_relaxed_poll_timeout_atomic(pfdev->iomem + AS_STATUS(as_nr),
		val, !(val & AS_STATUS_AS_ACTIVE), 10, 100000);
}

/* 6.12's write_cmd(). */
static int dense_write_cmd(struct panfrost_device *pfdev, u32 as_nr, u32 cmd)
{
	int status = dense_wait_ready(pfdev, as_nr);

	if (!status)
		writel(cmd, pfdev->iomem + AS_COMMAND(as_nr));
	return status;
}

/*
 * 6.12's panfrost_mmu_flush_range() of a 2 MiB granule: its
 * mmu_hw_do_operation() with lock_region() and FLUSH_PT.
 */
static void dense_flush_range(struct panfrost_device *pfdev, int as, u64 iova,
			      u64 size)
{
	u64 region_end = iova + size;
	u8 region_width;
	u64 region;

	pm_runtime_get_noresume(pfdev->dev);
	if (pm_runtime_active(pfdev->dev)) {
		spin_lock(&pfdev->as_lock);
		region_width = max(fls64(iova ^ (region_end - 1)),
				   const_ilog2(AS_LOCK_REGION_MIN_SIZE)) - 1;
		region = region_width | (iova & GENMASK_ULL(63, region_width));
		writel(lower_32_bits(region), pfdev->iomem + AS_LOCKADDR_LO(as));
		writel(upper_32_bits(region), pfdev->iomem + AS_LOCKADDR_HI(as));
		dense_write_cmd(pfdev, as, AS_COMMAND_LOCK);
		dense_write_cmd(pfdev, as, AS_COMMAND_FLUSH_PT);
		dense_wait_ready(pfdev, as);
		spin_unlock(&pfdev->as_lock);
	}
	pm_runtime_put_autosuspend(pfdev->dev);
}

/*
 * 6.12's panfrost_mmu_map_fault_addr() for @offset: with a GPU, the
 * lookup, the granule under the reservation lock, the flush.
 */
static int dense_fault(struct dense_heap *h, u64 offset)
{
	struct panfrost_gem_mapping *bomapping = NULL;
	int ret;

	if (h->ops) {
		bomapping = dense_addr_to_mapping(h->pfdev, h->as, h->va + offset);
		if (!bomapping)
			return -ENOENT;
	}
	ret = dense_fault_locked(h, offset);
	if (!ret && h->ops)
		dense_flush_range(h->pfdev, h->as,
				  h->va + (offset & ~((u64)SZ_2M - 1)), SZ_2M);
	if (bomapping)
		panfrost_gem_mapping_put(bomapping);
	return ret;
}

static struct dense_heap *dense_heap_create(struct kunit *test,
					    struct drm_device *drm, size_t size)
{
	struct dense_heap *h = kzalloc(sizeof(*h), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, h);
	h->shmem = drm_gem_shmem_create(drm, size);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, h->shmem);
	h->dev = drm->dev;
	return h;
}

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

/* Free what the dense path holds, and the object unless borrowed. */
static void dense_heap_free(struct dense_heap *h)
{
	size_t size = h->shmem->base.size;
	unsigned long i;

	if (h->pages) {
		for (i = 0; i < size / SZ_2M; i++) {
			if (!h->sgts[i].sgl)
				continue;
			if (h->ops)
				h->ops->unmap_pages(h->ops, h->va + i * SZ_2M, SZ_4K,
						    BENCH_GRANULE_PAGES, NULL);
			dma_unmap_sgtable(h->dev, &h->sgts[i], DMA_BIDIRECTIONAL, 0);
			sg_free_table(&h->sgts[i]);
		}
		for (i = 0; i < size >> PAGE_SHIFT; i++)
			if (h->pages[i])
				put_page(h->pages[i]);
		kvfree(h->sgts);
		kvfree(h->pages);
	}
	if (!h->borrowed) {
		mapping_clear_unevictable(h->shmem->base.filp->f_mapping);
		drm_gem_object_put(&h->shmem->base);
		flush_delayed_fput();
	}
	kfree(h);
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
