/**
 * The provider simulators, imported in one place: they are moving from test/simulators to
 * dev/simulators, and only these lines then change.
 */
export { CloudBlueSimulator } from '../../../dev/simulators/cloudblue/server';
export { FOURYOUSEE_SIM_TOKEN, FourYouSeeSimulator } from '../../../dev/simulators/fouryousee/server';
export { ReporteiSimulator } from '../../../dev/simulators/reportei/simulator';
export { DEFAULT_CLIENT as TRUST_CLIENT, TrustSimulator } from '../../../dev/simulators/trust/server';
