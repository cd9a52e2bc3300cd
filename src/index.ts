// One bundle serves `runs.main` and `runs.post`; the state flag saved by main tells them apart. Each loads only its
// own code, so the post step starts without the stages.
import { isPost } from './state-helper.js';

if (isPost) {
  await (await import('./post.js')).post();
} else {
  await (await import('./main.js')).run();
}
