
/*
 * ---- Harness only, not part of the series ----
 *
 * make demo appends this file to panfrost_heap_test.c (whose emulated GPU
 * it uses) in a commit of its own on top of the series, refs/series/demo.
 *
 * A heap BO of panfrost.demo_heap_mib MiB is faulted granule by granule,
 * panfrost.demo_faults times, through the driver's MMU interrupt thread.
 * After each fault it prints one DEMO line:
 *   DEMO <granules> <resident bytes, from fdinfo> <sparse metadata bytes>
 *        <6.12 dense metadata bytes>
 * Metadata is measured, not computed (demo/sparse_bytes.c, which make demo
 * appends first): ksize() of each allocation the sparse path holds (its
 * backing structure, the granule records with their sg_tables, every
 * scatterlist chunk, every xarray node), and of what the
 * 6.12 fault path allocates for the same state (the page array and the
 * sg_table array it kvmallocs on the first fault, and one sg table per
 * faulted granule, built here from the same pages with the 6.12 call).
 */

static unsigned int demo_heap_mib = 1024;
module_param(demo_heap_mib, uint, 0444);
MODULE_PARM_DESC(demo_heap_mib, "make demo: heap BO size in MiB");
static unsigned int demo_faults = 128;
module_param(demo_faults, uint, 0444);
MODULE_PARM_DESC(demo_faults, "make demo: granules to fault");

/* Bytes the sparse path holds for @bo. */
static size_t demo_sparse_bytes(struct panfrost_gem_object *bo)
{
	size_t bytes;

	mutex_lock(&bo->heap_lock);
	bytes = demo_shmem_sparse_bytes(&bo->base);
	mutex_unlock(&bo->heap_lock);
	return bytes;
}

/* What 6.12 allocates for a granule: its sg table from the page array. */
static size_t demo_dense_granule_bytes(struct kunit *test, struct page **pages)
{
	struct sg_table sgt;
	size_t bytes;

	KUNIT_ASSERT_EQ(test, 0, sg_alloc_table_from_pages(&sgt, pages,
							   SZ_2M >> PAGE_SHIFT,
							   0, SZ_2M, GFP_KERNEL));
	bytes = demo_sgt_bytes(&sgt);
	sg_free_table(&sgt);
	return bytes;
}

static u64 demo_fdinfo_resident(struct kunit *test, struct drm_file *file)
{
	char *buf = kunit_kzalloc(test, 512, GFP_KERNEL);
	struct drm_print_iterator iter = { .data = buf, .remain = 511 };
	struct drm_printer p = drm_coredump_printer(&iter);
	unsigned long long n = 0;
	char unit[8] = "";
	char *line;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	drm_show_memory_stats(&p, file);
	line = strstr(buf, "drm-resident-memory:");
	KUNIT_ASSERT_NOT_NULL(test, line);
	KUNIT_ASSERT_GE(test, sscanf(line, "drm-resident-memory: %llu %7s", &n, unit), 1);
	kunit_kfree(test, buf);
	if (!strcmp(unit, "KiB"))
		return n << 10;
	if (!strcmp(unit, "MiB"))
		return n << 20;
	return n;
}

static void panfrost_demo_heap_growth(struct kunit *test)
{
	struct fake_gpu *gpu = test->priv;
	struct test_file *tf = test_file_open(test);
	size_t size = (size_t)demo_heap_mib << 20;
	unsigned int granules = size / SZ_2M, faults = min(demo_faults, granules);
	struct panfrost_gem_object *bo = heap_create(test, tf, size);
	u64 va = bo_gpu_va(test, bo, tf);
	size_t dense_arrays, dense_sgts = 0;
	struct page **dense_pages;
	void *dense_sgt_array;
	unsigned int g, i;

	/* What 6.12's first fault kvmallocs, whatever the heap will use. */
	dense_pages = kvmalloc_array(size >> PAGE_SHIFT, sizeof(*dense_pages),
				     GFP_KERNEL | __GFP_ZERO);
	dense_sgt_array = kvmalloc_array(granules, sizeof(struct sg_table),
					 GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, dense_pages);
	KUNIT_ASSERT_NOT_NULL(test, dense_sgt_array);
	dense_arrays = demo_alloc_size(dense_pages, (size >> PAGE_SHIFT) *
				       sizeof(*dense_pages)) +
		       demo_alloc_size(dense_sgt_array,
				       granules * sizeof(struct sg_table));

	kunit_info(test, "DEMO-CONFIG heap_mib=%u granules=%u faults=%u\n",
		   demo_heap_mib, granules, faults);
	kunit_info(test, "DEMO 0 %llu %zu 0\n", demo_fdinfo_resident(test, tf->file),
		   demo_sparse_bytes(bo));
	for (g = 0; g < faults; g++) {
		u64 offset = (u64)g * SZ_2M;
		struct address_space *mapping = bo->base.base.filp->f_mapping;

		KUNIT_ASSERT_TRUE(test, fake_gpu_fault(test, gpu, tf->as,
						       va + offset + SZ_4K));
		for (i = 0; i < SZ_2M >> PAGE_SHIFT; i++) {
			struct page *page = find_get_page(mapping,
							  (offset >> PAGE_SHIFT) + i);

			KUNIT_ASSERT_NOT_NULL(test, page);
			dense_pages[(offset >> PAGE_SHIFT) + i] = page;
			put_page(page);	/* the heap holds it */
		}
		dense_sgts += demo_dense_granule_bytes(test, dense_pages +
						       (offset >> PAGE_SHIFT));

		kunit_info(test, "DEMO %u %llu %zu %zu\n", g + 1,
			   demo_fdinfo_resident(test, tf->file),
			   demo_sparse_bytes(bo), dense_arrays + dense_sgts);
	}
	KUNIT_EXPECT_EQ(test, drm_gem_shmem_rss(&bo->base), (size_t)faults * SZ_2M);
	kvfree(dense_sgt_array);
	kvfree(dense_pages);
}

static struct kunit_case panfrost_heap_demo_cases[] = {
	KUNIT_CASE(panfrost_demo_heap_growth),
	{}
};

static struct kunit_suite panfrost_heap_demo_suite = {
	.name = "panfrost_heap_demo",
	.init = panfrost_heap_test_init,
	.test_cases = panfrost_heap_demo_cases,
};

kunit_test_suite(panfrost_heap_demo_suite);
