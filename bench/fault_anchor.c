
/*
 * ---- Harness only, not part of the series ----
 *
 * The anchor of P2 and P3 across kernels: the driver's own GPU fault
 * handler, panfrost_mmu_map_fault_addr(), on a 1 GiB heap BO of the
 * emulated GPU, whatever kernel this is built in.  make bench appends this
 * file to panfrost_heap_test.c twice: on the head of the series' fixes
 * (6.12's fault path, with the fixes and the test patch that brings the
 * emulated GPU) and on the whole series, and boots the two kernels in
 * turn (scripts/bench.sh).  It uses only what both have: the test's
 * emulated GPU and files, and 6.12's GEM and MMU functions.
 *
 * Each round creates a heap with a handle, times the first fault in it
 * (P3) and the fault in its second granule (P2), and deletes the handle.
 * The medians of the rounds are printed as BENCH-A lines.
 */

#include <linux/ktime.h>
#include <linux/sort.h>

#define ANCHOR_ROUNDS	31

static int anchor_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 anchor_median(u64 *v, unsigned int n)
{
	sort(v, n, sizeof(*v), anchor_cmp_u64, NULL);
	return v[n / 2];
}

static void anchor_faults(struct kunit *test, struct test_file *tf,
			  u64 *first, u64 *next)
{
	struct fake_gpu *gpu = test->priv;
	struct panfrost_gem_object *bo;
	u64 va, t0;
	u32 handle;

	bo = panfrost_gem_create(gpu->pfdev.ddev, SZ_1G,
				 PANFROST_BO_HEAP | PANFROST_BO_NOEXEC);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, bo);
	KUNIT_ASSERT_EQ(test, 0, drm_gem_handle_create(tf->file, &bo->base.base,
						       &handle));
	drm_gem_object_put(&bo->base.base);
	va = bo_gpu_va(test, bo, tf);

	t0 = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, 0, panfrost_mmu_map_fault_addr(&gpu->pfdev, tf->as,
							     va + SZ_4K));
	*first = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, 0, panfrost_mmu_map_fault_addr(&gpu->pfdev, tf->as,
							     va + SZ_2M + SZ_4K));
	*next = ktime_get_ns() - t0;
	KUNIT_EXPECT_NE(test, tf->mmu->pgtbl_ops->iova_to_phys(tf->mmu->pgtbl_ops,
							       va + SZ_2M), 0);

	KUNIT_ASSERT_EQ(test, 0, drm_gem_handle_delete(tf->file, handle));
	flush_delayed_fput();
}

static void panfrost_anchor_faults(struct kunit *test)
{
	struct test_file *tf = test_file_open(test);
	u64 first[ANCHOR_ROUNDS], next[ANCHOR_ROUNDS];
	unsigned int r;

	for (r = 0; r < ANCHOR_ROUNDS; r++)
		anchor_faults(test, tf, &first[r], &next[r]);
	kunit_info(test, "BENCH-A figure=P2 median=%llu ns\n",
		   anchor_median(next, ANCHOR_ROUNDS));
	kunit_info(test, "BENCH-A figure=P3 median=%llu ns\n",
		   anchor_median(first, ANCHOR_ROUNDS));
}

static struct kunit_case panfrost_fault_anchor_cases[] = {
	KUNIT_CASE(panfrost_anchor_faults),
	{}
};

static struct kunit_suite panfrost_fault_anchor_suite = {
	.name = "panfrost_fault_anchor",
	.init = panfrost_heap_test_init,
	.test_cases = panfrost_fault_anchor_cases,
};

kunit_test_suite(panfrost_fault_anchor_suite);
