// A value or null. Null comes first: the server's validator coerces types, and tried against
// a string or integer first, a null would be coerced to '' or 0 before the null branch saw it.

import { Type, type TSchema } from 'typebox';

export const Nullable = <T extends TSchema>(t: T, options: { description?: string } = {}) => Type.Union([Type.Null(), t], options);
