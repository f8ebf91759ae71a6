/*
 * ---- Harness only, not part of the series ----
 *
 * What the page tracking of a heap holds, in bytes, measured rather than
 * computed: ksize() of each allocation (sg table chunks, xarray nodes,
 * granule records).  make demo and make bench append this file to a
 * driver's KUnit test, before the code that uses it
 * (demo/panfrost_heap_demo.c, bench/heap_bench.c, bench/lima_bench.c).
 */

#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/xarray.h>

/* Bytes of a kmalloc()ed or kvmalloc()ed allocation. */
static size_t demo_alloc_size(const void *p, size_t asked)
{
	if (!p)
		return 0;
	if (is_vmalloc_addr(p))
		return PAGE_ALIGN(asked);
	return ksize(p);
}

/*
 * Bytes of the scatterlist chunks of @sgt: a chunk is kmalloc()ed, or one
 * page when it has SG_MAX_SINGLE_ALLOC entries (see sg_kmalloc()); chunks
 * are chained through their last entry.
 */
static size_t demo_sgt_bytes(struct sg_table *sgt)
{
	struct scatterlist *sg = sgt->sgl;
	size_t bytes = 0;

	while (sg) {
		bytes += folio_test_slab(virt_to_folio(sg)) ? ksize(sg) : PAGE_SIZE;
		while (!sg_is_chain(sg) && !sg_is_last(sg))
			sg++;
		sg = sg_is_chain(sg) ? sg_chain_ptr(sg) : NULL;
	}
	return bytes;
}

/* Bytes of the xarray nodes under @entry, the head of an xarray or a slot. */
static size_t demo_xa_node_bytes(void *entry)
{
	struct xa_node *node;
	size_t bytes;
	unsigned int i;

	if (!xa_is_node(entry))
		return 0;
	node = xa_to_node(entry);
	bytes = ksize(node);
	for (i = 0; i < XA_CHUNK_SIZE; i++)
		bytes += demo_xa_node_bytes(rcu_dereference_raw(node->slots[i]));
	return bytes;
}

/* Bytes of the chunks of the sg tables of a sparse backing (its lock held). */
static size_t demo_sparse_sg_bytes(struct drm_gem_shmem_object *shmem)
{
	struct drm_gem_shmem_sparse *sparse = shmem->sparse;
	unsigned long index;
	size_t bytes = 0;
	void *granule;

	xa_for_each(&sparse->granules, index, granule)
		bytes += demo_sgt_bytes(drm_gem_shmem_sparse_get_sgt(shmem,
									    index << sparse->granule_order,
									    NULL, NULL));
	return bytes;
}

/*
 * Bytes the sparse backing of @shmem holds (its lock held): its structure,
 * the granule records with the chunks of their sg tables, the nodes of its
 * granules' xarray.  It indexes no page: the page cache does.
 */
static size_t demo_shmem_sparse_bytes(struct drm_gem_shmem_object *shmem)
{
	struct drm_gem_shmem_sparse *sparse = shmem->sparse;
	size_t bytes = sizeof(*sparse) + demo_sparse_sg_bytes(shmem);
	unsigned long index;
	void *granule;

	xa_for_each(&sparse->granules, index, granule)
		bytes += ksize(granule);
	bytes += demo_xa_node_bytes(rcu_dereference_raw(sparse->granules.xa_head));
	return bytes;
}

