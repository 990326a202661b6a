package org.webbsteps.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class ParallelTest {

	@Test
	void visitsEveryIndexOnceAndRethrows() {
		AtomicIntegerArray seen = new AtomicIntegerArray(1000);
		Parallel.forEach(1000, 3, () -> null, (w, i) -> seen.incrementAndGet(i));
		for (int i = 0; i < 1000; i++) assertEquals(1, seen.get(i));
		assertThrows(IllegalStateException.class, () -> Parallel.forEach(100, 2, () -> null, (w, i) -> {
			if (i == 57) throw new IllegalStateException("boom");
		}));
	}
}
