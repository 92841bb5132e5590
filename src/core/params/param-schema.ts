import { z } from '../zod';

/** Where a parameter travelled: URL query, URL fragment, or a POSTed form body. */
export const ParamLocationSchema = z.enum(['query', 'fragment', 'form']);

export const ParamSchema = z.object({
  name: z.string(),
  value: z.string(),
  in: ParamLocationSchema,
  /** Set when the raw text was not valid percent-encoding; `value` then keeps what could be decoded. */
  error: z.string().optional(),
});

export type ParamLocation = z.infer<typeof ParamLocationSchema>;
export type Param = z.infer<typeof ParamSchema>;
