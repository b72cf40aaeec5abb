// Where the exercise tracer is: preloaded into every student's program (c-fixtures/tracer/tracer.h
// says what it sees), built by `make fixtures`.
import { join } from 'node:path';
import { kitPaths } from '../../core/kitPaths.js';

export const TRACER_LIBRARY = join(kitPaths.root, 'build', 'tracer', 'exercise_tracer.so');
