// One bundle serves `runs.main` and `runs.post`; the state flag saved by main tells them apart. Each loads only its
// own code, so the post step starts without the stages. Both steps export `run`, so a runner that imports each
// step's file (GitHub's local-action: `src/main.ts`, `--post src/post.ts`) finds them too.
import { isPost } from './state-helper.js';

await (await (isPost() ? import('./post.js') : import('./main.js'))).run();
