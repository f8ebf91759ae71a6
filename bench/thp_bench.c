/*
 * ---- Harness only, not part of the series ----
 *
 * make bench appends this file to drm_gem_shmem_sparse_test.c (for its
 * huge-page helpers: thp_test_init(), thp_create()), in the benchmark
 * commit on top of the series (refs/series/bench), and runs it on x86_64
 * under QEMU: User-Mode Linux has no transparent huge pages.  Figures are
 * printed as BENCH-P5 lines; scripts/bench.sh turns them into CSV.
 *
 * P5 time to populate a 2 MiB granule of a sparse object, with the
 *    allocation flags of a fault handler (no reclaim): on a device with
 *    a "within_size" huge mount (drm_gem_huge_mnt_create()), where the
 *    granule is one 2 MiB folio taken whole, and on a device without,
 *    whose objects are on the kernel's mount, where it is 512 pages read
 *    one by one.  Both include allocating and zeroing 2 MiB; a fresh
 *    object each round, the paths interleaved round by round, each in
 *    turn first; the huge folio twice a round, the A/A control.  Ratios
 *    are medians of per-round ratios.
 */

#ifdef CONFIG_TRANSPARENT_HUGEPAGE

#include <linux/file.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/sort.h>

#define THP_BENCH_ROUNDS	31

static int thp_bench_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static void thp_bench_report(struct kunit *test, const char *path, u64 *v,
			     const char *unit)
{
	sort(v, THP_BENCH_ROUNDS, sizeof(u64), thp_bench_cmp_u64, NULL);
	kunit_info(test, "BENCH-P5 path=%s min=%llu median=%llu max=%llu %s\n",
		   path, v[0], v[THP_BENCH_ROUNDS / 2], v[THP_BENCH_ROUNDS - 1],
		   unit);
}

/* Per-round ratios @a[r] / @b[r], in thousandths. */
static void thp_bench_ratios(u64 *ratio, const u64 *a, const u64 *b)
{
	unsigned int r;

	for (r = 0; r < THP_BENCH_ROUNDS; r++)
		ratio[r] = div64_u64(a[r] * 1000, b[r]);
}

/* Populate one 2 MiB granule of a new object of @drm; ns. */
static u64 thp_bench_populate(struct kunit *test, struct drm_device *drm,
			      unsigned int *folio_order_seen)
{
	struct sparse_test *priv = test->priv;
	struct drm_device *saved = priv->drm;
	struct thp_obj *obj;
	struct page *page;
	u64 t0, t1;

	priv->drm = drm;
	obj = thp_create(test, THP_SIZE, THP_ORDER);
	priv->drm = saved;

	t0 = ktime_get_ns();
	KUNIT_ASSERT_EQ(test, 0, populate_nowait(test, obj->shmem, 0, 1));
	t1 = ktime_get_ns();

	page = find_get_page(obj->shmem->base.filp->f_mapping, 0);
	put_page(page);
	*folio_order_seen = folio_order(page_folio(page));
	thp_obj_free(obj);
	return t1 - t0;
}

static void drm_bench_p5_thp_populate(struct kunit *test)
{
	struct sparse_test *priv = test->priv;
	u64 *thp, *again, *pages, *ratio;
	unsigned int r, k, order_thp = 0, order_again = 0, order_pages = 0;
	struct drm_device *small;

	/* A second device on the same parent, without a huge mount. */
	small = __drm_kunit_helper_alloc_drm_device_with_driver(test,
								priv->drm->dev,
								sizeof(*small),
								0,
								&sparse_test_driver);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, small);
	KUNIT_ASSERT_NULL(test, drm_gem_get_huge_mnt(small));

	thp = kunit_kcalloc(test, THP_BENCH_ROUNDS, sizeof(u64), GFP_KERNEL);
	again = kunit_kcalloc(test, THP_BENCH_ROUNDS, sizeof(u64), GFP_KERNEL);
	pages = kunit_kcalloc(test, THP_BENCH_ROUNDS, sizeof(u64), GFP_KERNEL);
	ratio = kunit_kcalloc(test, THP_BENCH_ROUNDS, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, thp);
	KUNIT_ASSERT_NOT_NULL(test, again);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	KUNIT_ASSERT_NOT_NULL(test, ratio);

	for (r = 0; r < THP_BENCH_ROUNDS; r++) {
		for (k = 0; k < 3; k++) {
			switch ((r + k) % 3) {
			case 0:
				thp[r] = thp_bench_populate(test, priv->drm,
							    &order_thp);
				break;
			case 1:
				again[r] = thp_bench_populate(test, priv->drm,
							      &order_again);
				break;
			default:
				pages[r] = thp_bench_populate(test, small,
							      &order_pages);
				break;
			}
		}
		/* Each round's objects are gone before the next one. */
		flush_delayed_fput();
	}
	/* What each path was: one huge folio, order-0 pages. */
	KUNIT_EXPECT_EQ(test, order_thp, THP_ORDER);
	KUNIT_EXPECT_EQ(test, order_again, THP_ORDER);
	KUNIT_EXPECT_EQ(test, order_pages, 0);
	thp_bench_ratios(ratio, pages, thp);
	thp_bench_report(test, "pages/thp", ratio, "permille");
	thp_bench_ratios(ratio, again, thp);
	thp_bench_report(test, "thp-again/thp", ratio, "permille");
	thp_bench_report(test, "thp", thp, "ns");
	thp_bench_report(test, "thp-again", again, "ns");
	thp_bench_report(test, "pages", pages, "ns");
}

static struct kunit_case drm_gem_shmem_thp_bench_cases[] = {
	KUNIT_CASE(drm_bench_p5_thp_populate),
	{}
};

static struct kunit_suite drm_gem_shmem_thp_bench_suite = {
	.name = "drm_gem_shmem_thp_bench",
	.init = thp_test_init,
	.test_cases = drm_gem_shmem_thp_bench_cases,
};

kunit_test_suite(drm_gem_shmem_thp_bench_suite);

#endif /* CONFIG_TRANSPARENT_HUGEPAGE */
