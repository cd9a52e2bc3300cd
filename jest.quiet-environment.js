/**
 * Node's test environment, quiet on success. The code under test logs through @actions/core, which writes workflow
 * commands (`::debug::`, `::add-mask::`, `::group::`) straight to process.stdout, where jest's console capture never
 * sees them: hundreds of lines per run that say nothing when the tests pass. Everything written to stdout while a
 * test (or its hooks) runs is held back, and printed only when that test or a hook fails, under the test's name.
 * `PORTKEY_TEST_OUTPUT=all` prints it as it comes instead.
 */
import { TestEnvironment } from 'jest-environment-node';

/** @param {import('jest-circus').Circus.TestEntry} test */
function fullName(test) {
  const names = [];
  for (let block = test; block && block.name !== 'ROOT_DESCRIBE_BLOCK'; block = block.parent) names.unshift(block.name);
  return names.join(' › ');
}

export default class QuietEnvironment extends TestEnvironment {
  /** @type {(string | Uint8Array)[]} */
  held = [];
  /** @type {typeof process.stdout.write | undefined} */
  write;

  async setup() {
    await super.setup();
    if (process.env.PORTKEY_TEST_OUTPUT === 'all') return;
    // The stream object is the one the tests' `process.stdout` returns too; a test that spies on `write` puts this
    // back when it restores it.
    const write = process.stdout.write;
    this.write = write;
    process.stdout.write = (chunk, encoding, callback) => {
      this.held.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (done) process.nextTick(done);
      return true;
    };
  }

  async teardown() {
    if (this.write) process.stdout.write = this.write;
    this.held = [];
    await super.teardown();
  }

  /** What was held back since the last test ended, under `title`; nothing when nothing was. */
  replay(title) {
    if (!this.write || this.held.length === 0) return;
    this.write.call(process.stdout, `\n── printed by ${title} ──\n`);
    for (const chunk of this.held) this.write.call(process.stdout, chunk);
    this.write.call(process.stdout, `── end of what ${title} printed ──\n`);
    this.held = [];
  }

  /**
   * @param {import('jest-circus').Circus.Event} event
   * @param {import('jest-circus').Circus.State} state
   */
  async handleTestEvent(event, state) {
    if (event.name === 'hook_failure') {
      this.replay(`the ${event.hook.type} hook`);
    } else if (event.name === 'test_done') {
      if (event.test.errors.length > 0) this.replay(`"${fullName(event.test)}"`);
      this.held = [];
    } else if (event.name === 'run_finish' && state.unhandledErrors.length > 0) {
      this.replay('the test file');
    }
  }
}
