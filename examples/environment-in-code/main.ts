/**
 * The CDKTF app of the example: `npx cdktf synth` in this folder (cdktf.json), or
 * `npx nx run example-environment-in-code:synth` from the root. The values are this
 * repository's prod account (its bootstrap stack makes the state bucket, the lock table and
 * the workload boundary); change them to yours.
 */
import { App } from 'cdktf';
import { PaymentsEnvironment } from './environment';

const app = new App();
new PaymentsEnvironment(app, {
  name: 'payments',
  accountId: '456789012345',
  region: 'eu-central-1',
  availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
  vpcCidr: '10.60.0.0/16',
  domainName: 'payments.shop.acme-corp.com',
  hostedZoneId: 'Z0123456789PAYMNT',
  stateBucket: 'acme-ecs-platform-tfstate-456789012345',
  lockTable: 'acme-ecs-platform-tflock',
  workloadBoundaryArn: 'arn:aws:iam::456789012345:policy/ecs-platform-workload-boundary',
  image: '567890123456.dkr.ecr.eu-central-1.amazonaws.com/sample-service@sha256:9f2c4e1b7a8d3f60e5c1b2a4d7e8f9012a3b4c5d6e7f80912a3b4c5d6e7f8091',
  alarmEmails: ['payments-oncall@acme-corp.com'],
});
app.synth();
