/* eslint-disable -- Node tooling, not shipped: n8n's node rules do not apply; eslint.dev.config.mjs lints this file (npm run lint). */
/**
 * One provider simulator with its demo data, on its own, for trying a node by hand:
 *
 *   node -r ./dev/ts-register.cjs dev/simulators/serve.ts <fouryousee|cloudblue|trust|reportei> [port]
 *
 * Prints where it listens, the demo credential's data and the seeded accounts; Ctrl-C stops it.
 */
import { DEMOS } from './index';

async function main(argv: string[]): Promise<void> {
	const [name, port] = argv;
	const start = DEMOS[name ?? ''];
	if (!start) {
		console.error(`usage: serve.ts <${Object.keys(DEMOS).join('|')}> [port]`);
		process.exit(2);
	}
	const demo = await start(port ? { port: Number(port) } : {});
	console.log(`${demo.provider} simulator at ${demo.url}`);
	console.log(`  credential ${demo.credentialType}: ${JSON.stringify(demo.credentials)}`);
	for (const account of demo.accounts) console.log(`  ${JSON.stringify(account)}`);
	const stop = () => void demo.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main(process.argv.slice(2));
