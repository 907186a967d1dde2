// Next's own ambient types (CSS and image imports). Next writes the same into next-env.d.ts,
// which is generated per build and not committed, so a fresh clone type-checks without a build.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
