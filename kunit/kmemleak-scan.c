
#include <linux/reboot.h>
#include <linux/completion.h>

/*
 * Harness only, appended to mm/kmemleak.c for make check's debug run; never
 * part of the series.  The boot's own unreferenced objects are scanned and
 * set aside once the initcalls are done, before KUnit runs; at halt, after
 * the suites, every object is given kmemleak's minimum age and memory is
 * scanned again: what is reported then was lost during the tests.
 */
struct harness_kmemleak_scan {
	unsigned long min_age;
	bool verbose;
	struct completion done;
};

static int harness_kmemleak_scan_thread(void *data)
{
	struct harness_kmemleak_scan *scan = data;
	bool old_verbose = kmemleak_verbose;

	mutex_lock(&scan_mutex);
	jiffies_min_age = scan->min_age;
	kmemleak_verbose = scan->verbose;
	/*
	 * An object whose contents changed since the previous scan (a new
	 * one among them) is not reported: scan twice, as the scan thread
	 * and the debugfs file's users do over time.
	 */
	kmemleak_scan();
	kmemleak_scan();
	kmemleak_verbose = old_verbose;
	jiffies_min_age = msecs_to_jiffies(MSECS_MIN_AGE);
	mutex_unlock(&scan_mutex);
	complete(&scan->done);
	return 0;
}

/* kmemleak_scan() stops early unless it runs in a kthread (or a process). */
static bool harness_kmemleak_scan(unsigned long min_age, bool verbose)
{
	struct harness_kmemleak_scan scan = {
		.min_age = min_age,
		.verbose = verbose,
	};
	struct task_struct *task;

	init_completion(&scan.done);
	task = kthread_run(harness_kmemleak_scan_thread, &scan,
			   "kmemleak-harness");
	if (IS_ERR(task)) {
		pr_err("harness: no kmemleak scan: %ld\n", PTR_ERR(task));
		return false;
	}
	wait_for_completion(&scan.done);
	return true;
}

static unsigned int harness_kmemleak_count(void)
{
	struct kmemleak_object *object;
	unsigned int leaks = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(object, &object_list, object_list) {
		raw_spin_lock_irq(&object->lock);
		if ((object->flags & OBJECT_REPORTED) &&
		    unreferenced_object(object))
			leaks++;
		raw_spin_unlock_irq(&object->lock);
	}
	rcu_read_unlock();
	return leaks;
}

static int harness_kmemleak_halt(struct notifier_block *nb,
				 unsigned long action, void *data)
{
	if (!kmemleak_enabled)
		return NOTIFY_DONE;
	msleep(MSECS_MIN_AGE + 100);
	if (harness_kmemleak_scan(msecs_to_jiffies(MSECS_MIN_AGE), true))
		pr_info("harness: %u leaks after the tests\n",
			harness_kmemleak_count());
	return NOTIFY_DONE;
}

static struct notifier_block harness_kmemleak_nb = {
	.notifier_call = harness_kmemleak_halt,
};

static int __init harness_kmemleak_baseline(void)
{
	if (!kmemleak_enabled)
		return 0;
	if (!harness_kmemleak_scan(0, false))
		return 0;
	pr_info("harness: %u unreferenced objects at boot, set aside\n",
		harness_kmemleak_count());
	kmemleak_clear();
	register_reboot_notifier(&harness_kmemleak_nb);
	return 0;
}
late_initcall_sync(harness_kmemleak_baseline);
