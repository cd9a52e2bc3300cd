// One bundle serves `runs.main` and `runs.post`; the state flag saved by main tells them apart.
import { isPost } from './state-helper.js';
import { run, post } from './main.js';

if (isPost) {
  await post();
} else {
  await run();
}
