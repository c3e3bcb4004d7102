// `TEST_TIMINGS=1 npm test`: after the browser run, the slowest test files and tests (the sum of
// each file's test durations as mocha measured them), to see where the suite's time goes.
const walk = (suite, path, out) => {
  for (const test of suite?.tests ?? [])
    out.push({ name: [...path, test.name].join(' > '), ms: test.duration ?? 0 });
  for (const child of suite?.suites ?? []) walk(child, [...path, child.name], out);
  return out;
};

export function timingReporter({ top = 25 } = {}) {
  const files = [];
  return {
    reportTestFileResults({ sessionsForTestFile, testFile }) {
      const tests = sessionsForTestFile.flatMap((s) => walk(s.testResults, [], []));
      files.push({ file: testFile, ms: tests.reduce((sum, t) => sum + t.ms, 0), tests });
    },
    stop({ sessions }) {
      const list = (rows, label) =>
        rows
          .sort((a, b) => b.ms - a.ms)
          .slice(0, top)
          .map((row) => `${(row.ms / 1000).toFixed(1).padStart(7)} s  ${row[label]}`)
          .join('\n');
      const total = files.reduce((sum, f) => sum + f.ms, 0);
      console.log(
        `\nTest time by file (sum of test durations, ${(total / 1000).toFixed(0)} s in ${sessions.length} files):`,
      );
      console.log(list(files, 'file'));
      console.log('\nSlowest tests:');
      console.log(
        list(
          files.flatMap((f) =>
            f.tests.map((t) => ({
              ...t,
              name: `${f.file.replace(/^.*\/test\//, 'test/')}: ${t.name}`,
            })),
          ),
          'name',
        ),
      );
    },
  };
}
