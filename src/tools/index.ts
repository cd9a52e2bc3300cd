// The tools stage as main.ts sees it: helm and kubectl, pinned and checksum-verified, installed side by side.
export { installTools } from './install-tools.js';
