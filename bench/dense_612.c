/*
 * ---- Harness only, not part of the series ----
 *
 * 6.12's heap fault path, re-implemented from 6.12's
 * panfrost_mmu_map_fault_addr() and mmu_map_sg(): the GPU address looked up
 * in the address space (a reference on the mapping found), a page array
 * and an sg_table array kvmalloc()ed for the whole heap at the first fault,
 * the 512 pages of the granule read with shmem_read_mapping_page(), an sg
 * table from the page array, DMA-mapped, its pages mapped in the GPU page
 * table, all under the reservation lock, then the MMU flush of the range
 * (LOCK, FLUSH_PT).  Without a GPU (ops NULL): no lookup, no page table, no
 * flush.  make bench appends it to the Panfrost test files whose benchmarks
 * time it (harness.files): panfrost_heap_test.c before bench/heap_bench.c,
 * panfrost_thp_test.c before bench/panfrost_thp_bench.c.
 */

#include <linux/iommu.h>
#include <linux/iopoll.h>
#include <linux/pm_runtime.h>
#include <linux/shmem_fs.h>

#include "../panfrost_regs.h"

#define DENSE_GRANULE_PAGES	(SZ_2M >> PAGE_SHIFT)

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
	for (i = page_offset; i < page_offset + DENSE_GRANULE_PAGES; i++) {
		if (pages[i])
			continue;
		pages[i] = shmem_read_mapping_page(mapping, i);
		if (IS_ERR(pages[i])) {
			ret = PTR_ERR(pages[i]);
			pages[i] = NULL;
			goto out;
		}
	}

	sgt = &h->sgts[page_offset / DENSE_GRANULE_PAGES];
	ret = sg_alloc_table_from_pages(sgt, pages + page_offset,
					DENSE_GRANULE_PAGES, 0, SZ_2M, GFP_KERNEL);
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
						    DENSE_GRANULE_PAGES, NULL);
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
