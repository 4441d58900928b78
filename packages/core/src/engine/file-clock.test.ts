import { describe, expect, it, vi } from 'vitest';
import { FileClock } from './file-clock.js';

describe('FileClock', () => {
  it('aborts after the limit, not counting paused time, with nested pauses', () => {
    vi.useFakeTimers();
    try {
      const clock = new FileClock(1000);
      vi.advanceTimersByTime(600);
      clock.pause();
      clock.pause();
      vi.advanceTimersByTime(5000);
      clock.resume();
      vi.advanceTimersByTime(5000);
      expect(clock.signal.aborted).toBe(false);
      clock.resume();
      vi.advanceTimersByTime(399);
      expect(clock.signal.aborted).toBe(false);
      vi.advanceTimersByTime(1);
      expect(clock.signal.aborted).toBe(true);
      expect((clock.signal.reason as DOMException).name).toBe('TimeoutError');
    } finally {
      vi.useRealTimers();
    }
  });

  it('never fires once stopped', () => {
    vi.useFakeTimers();
    try {
      const clock = new FileClock(10);
      clock.stop();
      vi.advanceTimersByTime(100);
      expect(clock.signal.aborted).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
