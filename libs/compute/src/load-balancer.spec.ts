import { Match, Template, testStack } from '@ecs-platform/testing';
import { HttpsLoadBalancer, type HttpsLoadBalancerProps, TLS_POLICY } from './load-balancer';
import { ACCOUNT, CERTIFICATE_ARN, loadBalancerProps, PRIVATE_SUBNETS, PUBLIC_SUBNETS, refusal, REGION } from './spec-fixtures';

function synth(props: Partial<HttpsLoadBalancerProps> = {}): { lb: HttpsLoadBalancer; template: Template } {
  const stack = testStack();
  const lb = new HttpsLoadBalancer(stack, 'alb', loadBalancerProps(props));
  return { lb, template: Template.fromStack(stack) };
}

describe('HttpsLoadBalancer', () => {
  describe('by default (production)', () => {
    const { lb, template } = synth();

    it('is internet-facing in the given subnets, drops invalid headers, protected from deletion, with access logs', () => {
      template.resourceMatches('aws_lb', 'alb/load-balancer', {
        name: 'shop-alb',
        load_balancer_type: 'application',
        internal: false,
        subnets: PUBLIC_SUBNETS,
        drop_invalid_header_fields: true,
        enable_deletion_protection: true,
        idle_timeout: 60,
        access_logs: { bucket: template.ref('aws_s3_bucket', 'alb/access-log-bucket', 'bucket'), enabled: true },
        depends_on: [template.address('aws_s3_bucket_policy', 'alb/access-log-bucket-policy')],
      });
      template.resourceMatches('aws_s3_bucket', 'alb/access-log-bucket', { bucket: `shop-alb-logs-${ACCOUNT}-${REGION}`, force_destroy: false });
      template.resourceMatches('aws_s3_bucket_lifecycle_configuration', 'alb/access-log-lifecycle', { rule: Match.arrayWith([{ expiration: [{ days: 365 }] }]) });
    });

    it('serves HTTPS with the TLS 1.3/1.2 policy and the given certificate, and only redirects HTTP', () => {
      template.resourceMatches('aws_lb_listener', 'alb/https-listener', {
        port: 443,
        protocol: 'HTTPS',
        ssl_policy: TLS_POLICY,
        certificate_arn: CERTIFICATE_ARN,
        default_action: [{ type: 'fixed-response', fixed_response: { status_code: '404' } }],
      });
      template.resourceMatches('aws_lb_listener', 'alb/http-listener', {
        port: 80,
        default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }],
      });
      template.resourceCountIs('aws_acm_certificate', 0);
      template.resourceCountIs('aws_route53_record', 0);
    });

    it('admits 443 and 80 from anywhere', () => {
      expect(Object.values(template.findResources('aws_vpc_security_group_ingress_rule')).map((rule) => `${rule.from_port} ${rule.cidr_ipv4}`)).toEqual([
        '443 0.0.0.0/0',
        '80 0.0.0.0/0',
      ]);
    });

    it('is the IHttpsLoadBalancer a service joins', () => {
      expect(lb.domainName).toBe('shop.example.com');
      expect(lb.certificateArn).toBe(CERTIFICATE_ARN);
    });
  });

  it('in non-production is neither protected nor logged, unless asked; its logs are kept 30 days', () => {
    const off = synth({ tier: 'non-production' });
    off.template.resourceMatches('aws_lb', 'alb/load-balancer', { enable_deletion_protection: false, access_logs: Match.absent() });
    off.template.resourceCountIs('aws_s3_bucket', 0);
    const on = synth({ tier: 'non-production', accessLogs: true, deletionProtection: true });
    on.template.resourceMatches('aws_lb', 'alb/load-balancer', { enable_deletion_protection: true, access_logs: { enabled: true } });
    on.template.resourceMatches('aws_s3_bucket_lifecycle_configuration', 'alb/access-log-lifecycle', { rule: Match.arrayWith([{ expiration: [{ days: 30 }] }]) });
  });

  it('requests a DNS-validated certificate when only a hosted zone is given, and points the domain at itself', () => {
    const { template } = synth({ certificateArn: undefined, hostedZoneId: 'Z0SHOP' });
    template.resourceMatches('aws_acm_certificate', 'alb/certificate', { domain_name: 'shop.example.com', validation_method: 'DNS' });
    template.resourceMatches('aws_lb_listener', 'alb/https-listener', {
      certificate_arn: template.ref('aws_acm_certificate_validation', 'alb/certificate-validation', 'certificate_arn'),
    });
    template.resourceMatches('aws_route53_record', 'alb/alias-record', {
      zone_id: 'Z0SHOP',
      name: 'shop.example.com',
      type: 'A',
      alias: { name: template.ref('aws_lb', 'alb/load-balancer', 'dns_name') },
    });
  });

  it('is internal in private subnets, admitting only the CIDRs it is given', () => {
    const { template } = synth({ internal: true, subnetIds: PRIVATE_SUBNETS, ingressCidrs: ['10.20.0.0/16'] });
    template.resourceMatches('aws_lb', 'alb/load-balancer', { internal: true, subnets: PRIVATE_SUBNETS });
    template.resourceCountIs('aws_vpc_security_group_ingress_rule', 2);
    template.hasResourceProperties('aws_vpc_security_group_ingress_rule', { from_port: 443, cidr_ipv4: '10.20.0.0/16' });
  });

  it('lets production turn protection and logs off only with written reasons', () => {
    expect(refusal(() => synth({ deletionProtection: false, accessLogs: false }))).toEqual([
      'deletionProtection: the production tier keeps deletion protection on; turning it off needs "deletionProtectionReason"',
      'accessLogs: the production tier keeps access logs; turning them off needs "accessLogsReason"',
    ]);
    const relaxed = synth({
      deletionProtection: false,
      deletionProtectionReason: 'replaced by a blue/green pair during the migration',
      accessLogs: false,
      accessLogsReason: 'CloudFront in front logs every request',
    });
    relaxed.template.resourceMatches('aws_lb', 'alb/load-balancer', { enable_deletion_protection: false, access_logs: Match.absent() });
    expect(refusal(() => synth({ accessLogsReason: 'the WAF logs every request already' }))).toEqual(['accessLogsReason: is only allowed with accessLogs: false']);
    expect(refusal(() => synth({ deletionProtection: false, deletionProtectionReason: 'because' }))).toEqual([
      'deletionProtectionReason: must be at least 10 characters long',
    ]);
  });

  it('needs a certificate of its own account and region, or a zone to request one', () => {
    expect(refusal(() => synth({ certificateArn: undefined }))).toEqual([
      '(props): needs "certificateArn" or "hostedZoneId" (to request a DNS-validated certificate): the load balancer only serves HTTPS',
    ]);
    expect(refusal(() => synth({ certificateArn: CERTIFICATE_ARN.replace(REGION, 'us-east-1') }))).toEqual([
      `certificateArn: must be in this environment's account ${ACCOUNT} and region ${REGION}: a load balancer can only use a certificate of its own region`,
    ]);
  });

  it('refuses an internal load balancer without ingress CIDRs, a bad CIDR, one subnet, a TLS policy below 1.2 and timeouts out of range', () => {
    expect(
      refusal(() =>
        synth({ internal: true, subnetIds: ['subnet-a'], sslPolicy: 'ELBSecurityPolicy-2016-08', idleTimeout: 0, accessLogRetentionDays: 5000 }),
      ),
    ).toEqual([
      'subnetIds: an Application Load Balancer needs subnets in at least 2 availability zones, got 1',
      'ingressCidrs: is required for an internal load balancer: name who may connect (the VPC CIDR, say)',
      'sslPolicy: "ELBSecurityPolicy-2016-08" must be an ELB security policy that allows TLS 1.2 or later only, like "ELBSecurityPolicy-TLS13-1-2-2021-06"',
      'idleTimeout: must be between 1 and 4000 seconds, got 0',
      'accessLogRetentionDays: must be between 1 and 3650 days, got 5000',
    ]);
    expect(refusal(() => synth({ ingressCidrs: ['10.0.0.1/16'] }))).toEqual(['ingressCidrs[0]: "10.0.0.1/16" has host bits set; the network address is 10.0.0.0/16']);
  });
});
