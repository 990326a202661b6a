package org.webbsteps.step;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The one way work is spread over threads: indices handed out dynamically to the calling thread
 * and daemon helpers, each with its own work state; the first failure is rethrown.
 */
public final class Parallel {

	private Parallel() {
	}

	/** One unit of work with the worker's own state. */
	public interface Body<W> {
		void run(W worker, int index);
	}

	/**
	 * Runs {@code body(worker, i)} for i in [0, count) on up to {@code threads} threads (the caller
	 * plus daemon helpers); each thread gets its own worker state from {@code workers}.
	 */
	public static <W> void forEach(int count, int threads, Supplier<W> workers, Body<W> body) {
		int t = Math.max(1, Math.min(threads, count));
		if (t == 1) {
			W w = workers.get();
			for (int i = 0; i < count; i++) body.run(w, i);
			return;
		}
		AtomicInteger next = new AtomicInteger();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Runnable loop = () -> {
			try {
				W w = workers.get();
				for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) body.run(w, i);
			}
			catch (Throwable e) {
				failure.compareAndSet(null, e);
			}
		};
		Thread[] helpers = new Thread[t - 1];
		for (int k = 0; k < helpers.length; k++) {
			helpers[k] = new Thread(loop, "webbsteps-worker");
			helpers[k].setDaemon(true);
			helpers[k].start();
		}
		loop.run();
		for (Thread h : helpers) {
			try {
				h.join();
			}
			catch (InterruptedException e) {
				failure.compareAndSet(null, e);
				Thread.currentThread().interrupt();
				throw new StepLog.CanceledException();
			}
		}
		Throwable f = failure.get();
		if (f instanceof RuntimeException) throw (RuntimeException) f;
		if (f instanceof Error) throw (Error) f;
		if (f != null) throw new IllegalStateException(f);
	}
}
