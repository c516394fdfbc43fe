import { PassThrough } from 'node:stream';
import { formatBytes, formatDuration, ProgressBar } from './ProgressBar';

function capture(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 60 });
  let text = '';
  stream.on('data', chunk => (text += String(chunk)));
  return { stream, text: () => text };
}

test('without a terminal, a plain line is written at each 10 % step, never more', () => {
  const out = capture(false);
  const bar = new ProgressBar(1000, { label: 'Uploading', stream: out.stream, unit: 'bytes' });
  for (let done = 0; done <= 1000; done += 50) bar.update(done, 'file');
  bar.finish();
  const lines = out.text().trim().split('\n');
  expect(lines).toHaveLength(11);
  expect(lines[0]).toBe('Uploading: 0% (0 B/1000 B)');
  expect(lines.at(-1)).toBe('Uploading: 100% (1000 B/1000 B)');
  expect(out.text()).not.toContain('\r');
});

test('on a terminal the bar redraws in place within the width, and finish ends the line', () => {
  const out = capture(true);
  const bar = new ProgressBar(4, { label: 'Importing', stream: out.stream });
  bar.update(1, 'a very long detail that would not fit into sixty columns of terminal width at all');
  bar.update(4);
  bar.finish();
  const redraws = out.text().split('\r').filter(Boolean);
  expect(redraws).toHaveLength(2);
  expect(redraws.every(line => line.replace('\n', '').length === 59)).toBe(true);
  expect(redraws[1]).toMatch(/^Importing \[#{24}\] 100% 4\/4/);
  expect(out.text().endsWith('\n')).toBe(true);
});

test('byte amounts are shown in readable units', () => {
  expect([formatBytes(512), formatBytes(1536), formatBytes(5 * 1024 * 1024)]).toEqual(['512 B', '1.5 KB', '5.0 MB']);
});

test('with showRate, the rate and the time left are measured from the clock given', () => {
  const out = capture(false);
  let now = 1_000;
  const bar = new ProgressBar(10 * 1024 * 1024, {
    label: 'Uploading',
    stream: out.stream,
    unit: 'bytes',
    showRate: true,
    now: () => now,
  });
  now += 2_000;
  bar.update(2 * 1024 * 1024);
  expect(out.text()).toBe('Uploading: 20% (2.0 MB/10.0 MB, 1.0 MB/s, 8 s left)\n');
  expect([formatDuration(75), formatDuration(4000)]).toEqual(['1 min 15 s', '1 h 6 min']);
});
