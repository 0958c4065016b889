import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { denyInsecureTransport, policyDocument } from '@ecs-platform/iam-policy';
import { suppress } from '@ecs-platform/policy';
import { assertValidProps, propProblem, type PropProblem, type Tier, underPath } from '@ecs-platform/construct-props';
import { Construct } from 'constructs';
import { certificateProblems, cidrProblems, isUnresolved, loadBalancerProtectionProblems, rangeProblems, reasonProblems, sslPolicyProblems } from './checks';
import { COMPUTE_TIER_DEFAULTS, SERVICE_DEFAULTS } from './defaults';
import { elbLogDeliveryPrincipal } from './elb-log-delivery';
import { COMPUTE_LIMITS } from './facts';

/** TLS 1.3 and 1.2 with forward secrecy only; the policy AWS recommends for new HTTPS listeners. */
export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * What a web service needs of the HTTPS load balancer it joins. `HttpsLoadBalancer`
 * implements it; for a load balancer made elsewhere, pass its ids and ARNs as plain values.
 */
export interface IHttpsLoadBalancer {
  /** Security group of the load balancer: a service admits it and lets it reach its tasks. */
  readonly securityGroupId: string;
  /** ARN of the HTTPS listener the services' rules are added to. */
  readonly httpsListenerArn: string;
  /** `app/<name>/<id>`: for request-count scaling and the target alarms. */
  readonly loadBalancerArnSuffix: string;
  /** Host of a service's rule when its routing names none. @default none: a service must name its hosts or paths */
  readonly domainName?: string;
}

export interface HttpsLoadBalancerProps {
  /** Names the load balancer `<name>-alb`, its security group and its access log bucket (`<name>-alb-logs-<account>-<region>`). */
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  /** How strict the defaults and refusals are (deletion protection, access logs). @default 'production' */
  readonly tier?: Tier;
  readonly vpcId: string;
  /** Public subnets for an internet-facing load balancer, private ones for an internal one. */
  readonly subnetIds: readonly string[];
  /** An internal load balancer (reachable from the VPC and what is connected to it only). @default false */
  readonly internal?: boolean;
  /** Who may connect on 443 (and 80, which only redirects). @default ['0.0.0.0/0']; required for an internal load balancer */
  readonly ingressCidrs?: readonly string[];
  /** The domain it answers on: the alias record's name, the requested certificate's, and the default host of the services' rules. */
  readonly domainName: string;
  /** Route 53 zone of the alias record (and of the certificate's validation when no certificate is given). @default none: no DNS record */
  readonly hostedZoneId?: string;
  /** An existing ACM certificate of this account and region. @default one is requested and validated through `hostedZoneId` */
  readonly certificateArn?: string;
  /** TLS policy of the HTTPS listener: TLS 1.2 or later only. @default TLS_POLICY */
  readonly sslPolicy?: string;
  /** Idle connection timeout in seconds (1 to 4000). @default 60 */
  readonly idleTimeout?: number;
  /** @default the tier's: true in production, false otherwise */
  readonly deletionProtection?: boolean;
  /** Why production turns deletion protection off; required to do so. @default none */
  readonly deletionProtectionReason?: string;
  /** Access logs to an S3 bucket. @default the tier's: true in production, false otherwise */
  readonly accessLogs?: boolean;
  /** Why production turns access logs off; required to do so. @default none */
  readonly accessLogsReason?: string;
  /** Days access logs are kept (1 to 3650). @default the tier's: 365 in production, 30 otherwise */
  readonly accessLogRetentionDays?: number;
}

/** Every problem with a load balancer's props. */
export function httpsLoadBalancerProblems(props: HttpsLoadBalancerProps): PropProblem[] {
  const tier = props.tier ?? 'production';
  return [
    ...(props.subnetIds.length < 2 && !props.subnetIds.some(isUnresolved)
      ? [propProblem(['subnetIds'], `an Application Load Balancer needs subnets in at least 2 availability zones, got ${props.subnetIds.length}`)]
      : []),
    ...(props.internal && props.ingressCidrs === undefined
      ? [propProblem(['ingressCidrs'], 'is required for an internal load balancer: name who may connect (the VPC CIDR, say)')]
      : []),
    ...(props.ingressCidrs ?? []).flatMap((cidr, i) => underPath(['ingressCidrs', i], cidrProblems(cidr))),
    ...(props.ingressCidrs?.length === 0 ? [propProblem(['ingressCidrs'], 'must list at least 1, got 0')] : []),
    ...certificateProblems(props),
    ...(props.sslPolicy !== undefined ? underPath(['sslPolicy'], sslPolicyProblems(props.sslPolicy)) : []),
    ...rangeProblems(['idleTimeout'], props.idleTimeout, COMPUTE_LIMITS.idleTimeout),
    ...rangeProblems(['accessLogRetentionDays'], props.accessLogRetentionDays, COMPUTE_LIMITS.accessLogRetentionDays),
    ...reasonProblems(['deletionProtectionReason'], props.deletionProtectionReason),
    ...reasonProblems(['accessLogsReason'], props.accessLogsReason),
    ...loadBalancerProtectionProblems({ ...props, tier }),
  ];
}

/** Construct id of a CIDR (construct ids cannot hold "/"). */
export function cidrId(cidr: string): string {
  return cidr.replace('/', '_');
}

/**
 * Layer 1: an Application Load Balancer that serves HTTPS only. Port 80 answers with a
 * permanent redirect; the HTTPS listener answers 404 unless a service's listener rule matches.
 * Its security group admits 443 and 80 from `ingressCidrs`; its egress is added per service,
 * to that service's tasks on their container port only.
 *
 * Construct ids: `security-group`, `ingress-<https|http>-<cidr>`, `access-log-*`,
 * `load-balancer`, `certificate*`, `https-listener`, `http-listener`, `alias-record`.
 */
export class HttpsLoadBalancer extends Construct implements IHttpsLoadBalancer {
  readonly securityGroup: SecurityGroup;
  readonly loadBalancer: Lb;
  readonly httpsListener: LbListener;
  /** The listener's certificate: the given one, or the validated one requested here. */
  readonly certificateArn: string;
  /** @default none: access logs off */
  readonly accessLogBucket?: S3Bucket;
  readonly securityGroupId: string;
  readonly httpsListenerArn: string;
  readonly loadBalancerArnSuffix: string;
  readonly domainName: string;
  /** DNS name of the load balancer. */
  readonly dnsName: string;

  constructor(scope: Construct, id: string, props: HttpsLoadBalancerProps) {
    super(scope, id);
    assertValidProps(this, httpsLoadBalancerProblems(props));
    const { name } = props;
    const tierDefaults = COMPUTE_TIER_DEFAULTS[props.tier ?? 'production'];
    const internal = props.internal ?? false;
    const accessLogs = props.accessLogs ?? tierDefaults.accessLogs;
    const ingressCidrs = props.ingressCidrs ?? ['0.0.0.0/0'];

    // A name prefix so that a replaced group is created before the old one goes (the load
    // balancer keeps one attached at all times).
    this.securityGroup = new SecurityGroup(this, 'security-group', {
      namePrefix: `${name}-alb-`,
      description: `Load balancer of ${name}: HTTPS (and HTTP to redirect) in, service ports out`,
      vpcId: props.vpcId,
      tags: { Name: `${name}-alb` },
      lifecycle: { createBeforeDestroy: true },
    });
    for (const cidr of ingressCidrs) {
      for (const [label, port] of [
        ['https', 443],
        ['http', 80],
      ] as const) {
        new VpcSecurityGroupIngressRule(this, `ingress-${label}-${cidrId(cidr)}`, {
          securityGroupId: this.securityGroup.id,
          description: port === 443 ? 'HTTPS from clients' : 'HTTP from clients, redirected to HTTPS',
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrIpv4: cidr,
        });
      }
    }

    let accessLogsDependency: S3BucketPolicy | undefined;
    if (accessLogs) {
      const logs = this.createAccessLogBucket(props, props.accessLogRetentionDays ?? tierDefaults.accessLogRetentionDays);
      this.accessLogBucket = logs.bucket;
      accessLogsDependency = logs.policy;
    }

    this.loadBalancer = new Lb(this, 'load-balancer', {
      name: `${name}-alb`,
      loadBalancerType: 'application',
      internal,
      subnets: [...props.subnetIds],
      securityGroups: [this.securityGroup.id],
      // Requests with malformed headers are dropped instead of forwarded (request smuggling).
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'defensive',
      enableDeletionProtection: props.deletionProtection ?? tierDefaults.deletionProtection,
      idleTimeout: props.idleTimeout ?? SERVICE_DEFAULTS.idleTimeout,
      ...(this.accessLogBucket
        ? { accessLogs: { bucket: this.accessLogBucket.bucket, enabled: true } }
        : {}),
      // ELB checks at once that it may write to the bucket.
      ...(accessLogsDependency ? { dependsOn: [accessLogsDependency] } : {}),
      tags: { Name: `${name}-alb` },
    });

    this.certificateArn = props.certificateArn ?? this.requestCertificate(props);

    this.httpsListener = new LbListener(this, 'https-listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: props.sslPolicy ?? TLS_POLICY,
      certificateArn: this.certificateArn,
      defaultAction: [
        {
          type: 'fixed-response',
          fixedResponse: { contentType: 'text/plain', messageBody: 'Not found', statusCode: '404' },
        },
      ],
    });
    new LbListener(this, 'http-listener', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [
        {
          type: 'redirect',
          redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' },
        },
      ],
    });

    if (props.hostedZoneId) {
      new Route53Record(this, 'alias-record', {
        zoneId: props.hostedZoneId,
        name: props.domainName,
        type: 'A',
        alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true },
      });
    }

    this.securityGroupId = this.securityGroup.id;
    this.httpsListenerArn = this.httpsListener.arn;
    this.loadBalancerArnSuffix = this.loadBalancer.arnSuffix;
    this.domainName = props.domainName;
    this.dnsName = this.loadBalancer.dnsName;
  }

  /** A DNS-validated certificate for the domain; Terraform waits until it is issued. */
  private requestCertificate(props: HttpsLoadBalancerProps): string {
    // certificateProblems made sure there is a zone when there is no certificate.
    if (!props.hostedZoneId) throw new Error(`${this.node.path}: no hostedZoneId to validate a certificate with`);
    const certificate = new AcmCertificate(this, 'certificate', {
      domainName: props.domainName,
      validationMethod: 'DNS',
      // A replacement is issued before the old one is detached from the listener.
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: props.domainName },
    });
    // The certificate names one domain, so there is one validation record. Its name and value
    // are picked from the certificate by domain name: a for_each over the validation options
    // would key on values unknown until apply whenever the provider cannot compute them at
    // plan. ACM always returns one option per requested domain; the fallback only matters
    // where the provider is mocked (the offline gate's apply), where the set is empty.
    const option = (attribute: string): string =>
      `\${coalesce(one([for option in ${certificate.fqn}.domain_validation_options : option.${attribute} if option.domain_name == "${props.domainName}"]), "_pending.${props.domainName}")}`;
    const record = new Route53Record(this, 'certificate-validation-record', {
      zoneId: props.hostedZoneId,
      name: option('resource_record_name'),
      // ACM's DNS validation records are always CNAMEs.
      type: 'CNAME',
      records: [option('resource_record_value')],
      ttl: 60,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, 'certificate-validation', {
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
    });
    return validation.certificateArn;
  }

  /**
   * The access log bucket: SSE-S3 (ALB access logs support no other encryption), private,
   * owner-enforced, TLS only, written only by ELB log delivery of this region, expiring logs.
   */
  private createAccessLogBucket(props: HttpsLoadBalancerProps, retentionDays: number): { bucket: S3Bucket; policy: S3BucketPolicy } {
    const bucket = new S3Bucket(this, 'access-log-bucket', {
      bucket: `${props.name}-alb-logs-${props.accountId}-${props.region}`,
      // Deleting the environment keeps its access logs unless someone empties the bucket deliberately.
      forceDestroy: false,
    });
    suppress(bucket, 'S3-002', 'ALB access logs support only SSE-S3 (Amazon S3-managed keys); ELB log delivery cannot write to an SSE-KMS bucket.');
    suppress(
      bucket,
      'S3-001',
      'Write-once access logs with unique keys, written only by ELB log delivery and expired by lifecycle; versioning would only keep expired logs as noncurrent versions.',
    );
    // S3 rejects concurrent changes to one bucket's configuration (409 OperationAborted): each
    // sub-resource waits for the one before it.
    const ownership = new S3BucketOwnershipControls(this, 'access-log-ownership', {
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'access-log-public-access-block', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      dependsOn: [ownership],
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'access-log-encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
      dependsOn: [publicAccess],
    });
    const lifecycle = new S3BucketLifecycleConfiguration(this, 'access-log-lifecycle', {
      bucket: bucket.id,
      rule: [
        {
          id: 'expire-access-logs',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          expiration: [{ days: retentionDays }],
        },
        {
          id: 'abort-incomplete-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [encryption],
    });
    const policy = new S3BucketPolicy(this, 'access-log-bucket-policy', {
      bucket: bucket.id,
      policy: policyDocument([
        {
          Sid: 'ElbWritesAccessLogs',
          Effect: 'Allow',
          Principal: elbLogDeliveryPrincipal(props.region),
          Action: 's3:PutObject',
          Resource: `${bucket.arn}/AWSLogs/${props.accountId}/*`,
        },
        denyInsecureTransport([bucket.arn, `${bucket.arn}/*`]),
      ]),
      dependsOn: [lifecycle],
    });
    return { bucket, policy };
  }
}
