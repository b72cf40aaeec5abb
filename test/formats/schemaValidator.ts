// JSON Schema validation for the kit's tests, with ajv: draft 2020-12 (what zod generates and what
// KCIDB's schema uses) and the standard formats (date-time, uri, email), so that a timestamp or a
// URL is checked, not just its type.
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as formats from 'ajv-formats';

/** Validates data against a schema; `problems` lists ajv's findings as `path: message` lines. */
export function schemaValidator(schema: object): (data: unknown) => { valid: boolean; problems: string[] } {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  formats.default.default(ajv);
  const validate = ajv.compile(schema);
  return (data) => {
    const valid = validate(data) as boolean;
    return { valid, problems: (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`) };
  };
}
