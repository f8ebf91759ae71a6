/*
 * ---- Harness only, not part of the series ----
 *
 * make bench appends demo/sparse_bytes.c and this file to
 * lima_heap_test.c (its VMs, mock files and BO helpers), in the benchmark
 * commit refs/series/bench.
 *
 * P6: the page-tracking metadata of a Lima heap BO as it grows, by
 * doubling from its initial 32 KiB up to its size, through the driver's
 * lima_heap_alloc() (pages populated and mapped in a VM).  After each
 * growth, for the same pages:
 *   sparse: what the series holds (demo_shmem_sparse_bytes());
 *   dense:  what 6.12's lima_heap_alloc() held for that heap size: the
 *           page array of the whole BO (kvmalloc_array()), the sg_table it
 *           kmalloc()s, and the chunks of the sg table of the whole heap
 *           so far, built here from the same pages with 6.12's call.
 * One line per growth:
 *   BENCH-P6 size_mib=S heap_kib=H path=sparse|dense bytes=N B
 */

/* What 6.12 holds for heap @bo once grown to its heap size. */
static size_t lima_bench_dense_bytes(struct kunit *test, struct lima_bo *bo)
{
	pgoff_t i, num_pages = lima_bo_size(bo) >> PAGE_SHIFT;
	pgoff_t missing = 0, heap_pages = bo->heap_size >> PAGE_SHIFT;
	struct sg_table *sgt;
	struct page **pages;
	size_t bytes;

	pages = kvmalloc_array(num_pages, sizeof(*pages),
			       GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	sgt = kmalloc(sizeof(*sgt), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sgt);

	/*
	 * The heap holds its pages in its page cache: look them up there,
	 * dropping the lookup's reference at once (the heap keeps its own).
	 */
	mutex_lock(&bo->heap_lock);
	for (i = 0; i < heap_pages; i++) {
		pages[i] = find_get_page(bo->base.base.filp->f_mapping, i);
		if (!pages[i])
			missing++;
		else
			put_page(pages[i]);
	}
	mutex_unlock(&bo->heap_lock);
	KUNIT_ASSERT_EQ(test, missing, 0);

	KUNIT_ASSERT_EQ(test, 0, sg_alloc_table_from_pages(sgt, pages,
							   heap_pages, 0,
							   bo->heap_size,
							   GFP_KERNEL));
	bytes = demo_alloc_size(pages, num_pages * sizeof(*pages)) +
		ksize(sgt) + demo_sgt_bytes(sgt);
	sg_free_table(sgt);
	kfree(sgt);
	kvfree(pages);
	return bytes;
}

static size_t lima_bench_sparse_bytes(struct lima_bo *bo)
{
	size_t bytes;

	mutex_lock(&bo->heap_lock);
	bytes = demo_shmem_sparse_bytes(&bo->base);
	mutex_unlock(&bo->heap_lock);
	return bytes;
}

static const u32 lima_bench_sizes_mib[] = { 64, 256, 1024 };

static void lima_bench_p6_metadata(struct kunit *test)
{
	unsigned int s;

	for (s = 0; s < ARRAY_SIZE(lima_bench_sizes_mib); s++) {
		u32 size = lima_bench_sizes_mib[s] * SZ_1M;
		struct test_file *tf = test_file_open(test);
		struct lima_bo *bo = bo_create(test, tf, size,
					       LIMA_BO_FLAG_HEAP, NULL);

		for (;;) {
			kunit_info(test, "BENCH-P6 size_mib=%u heap_kib=%zu path=sparse bytes=%zu B\n",
				   lima_bench_sizes_mib[s], bo->heap_size / SZ_1K,
				   lima_bench_sparse_bytes(bo));
			kunit_info(test, "BENCH-P6 size_mib=%u heap_kib=%zu path=dense bytes=%zu B\n",
				   lima_bench_sizes_mib[s], bo->heap_size / SZ_1K,
				   lima_bench_dense_bytes(test, bo));
			if (bo->heap_size == size)
				break;
			KUNIT_ASSERT_EQ(test, lima_heap_alloc(bo, tf->vm), 0);
		}
		KUNIT_EXPECT_EQ(test, lima_heap_alloc(bo, tf->vm), -ENOSPC);
		/* Free this heap's pages before the next, larger one. */
		test_file_close(tf);
		kunit_release_action(test, bo_put, &bo->base.base);
		flush_delayed_fput();
	}
}

static struct kunit_case lima_heap_bench_cases[] = {
	KUNIT_CASE_SLOW(lima_bench_p6_metadata),
	{}
};

static struct kunit_suite lima_heap_bench_suite = {
	.name = "lima_heap_bench",
	.init = lima_heap_test_init,
	.test_cases = lima_heap_bench_cases,
};

kunit_test_suite(lima_heap_bench_suite);
