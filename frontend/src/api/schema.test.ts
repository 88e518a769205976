// @vitest-environment node
// The generated API types must be what openapi-typescript makes of the committed OpenAPI document
// (which a Go test holds equal to the server's): a drift on either side fails here or there.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import openapiTS, { astToString } from 'openapi-typescript'

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url))

describe('generated API types', () => {
  it('schema.d.ts is generated from openapi.json (npm run gen:types)', async () => {
    const doc = JSON.parse(readFileSync(here('./openapi.json'), 'utf8'))
    const ast = await openapiTS(doc, { propertiesRequiredByDefault: true })
    const have = readFileSync(here('./schema.d.ts'), 'utf8')
    const norm = (s: string) => s.replace(/\r\n/g, '\n').trim()
    expect(norm(have).endsWith(norm(astToString(ast)))).toBe(true)
  }, 30_000)
})
