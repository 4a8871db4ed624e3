import { z } from 'zod';

import { mediaIdSchema } from './fields';

/** Media resource: a media ID (Get URL, Download, Delete). */
export const mediaIdInput = z.object({ mediaId: mediaIdSchema });
