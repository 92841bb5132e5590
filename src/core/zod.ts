import { z } from 'zod';

// Every schema in Consent Lens is built from this one import. `jitless` stops zod probing
// `new Function`, which extension CSPs forbid and web-ext lint flags.
z.config({ jitless: true });

export { z };
