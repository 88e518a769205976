// vite build empties dist/; the Go embed needs the tracked dist/.keep to exist.
import { writeFileSync } from 'node:fs'
writeFileSync(new URL('../dist/.keep', import.meta.url), '')
