/** The provider simulators (dev/simulators, TypeScript), loaded through dev/ts-register.cjs. */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('../../dev/ts-register.cjs');

export const { FourYouSeeSimulator, FOURYOUSEE_SIM_TOKEN } = require('../../dev/simulators/fouryousee/server.ts');
export const { ReporteiSimulator } = require('../../dev/simulators/reportei/simulator.ts');
export const { CloudBlueSimulator } = require('../../dev/simulators/cloudblue/server.ts');
