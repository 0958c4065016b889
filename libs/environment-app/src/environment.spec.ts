import type { Service } from '@ecs-platform/compute';
import { defineEnvironmentApp, serviceHandles, serviceOf, UnknownHandleError } from './environment';
import { testEnvironment } from './test-environment';

const storefront = { serviceName: 'storefront' } as unknown as Service;

describe('service handles', () => {
  const services = serviceHandles('prod', { storefront }, 'environments/prod/environment.yaml');

  it('give the services of the definition', () => {
    expect(services.storefront).toBe(storefront);
    expect(Object.keys(services)).toEqual(['storefront']);
    expect(serviceOf('prod', services, 'environments/prod/environment.yaml', 'storefront')).toBe(storefront);
  });

  it('name the services there are when a name is not one of them', () => {
    const message = 'environment "prod" has no service "checkout" (environments/prod/environment.yaml); its services: storefront';
    expect(() => services.checkout).toThrow(new UnknownHandleError(message));
    expect(() => serviceOf('prod', services, 'environments/prod/environment.yaml', 'checkout')).toThrow(message);
  });
});

describe('defineEnvironmentApp', () => {
  it('returns the app as it is', () => {
    const app = (): void => undefined;
    expect(defineEnvironmentApp(app)).toBe(app);
  });
});

describe('testEnvironment', () => {
  it('builds real handles of a small production environment, with web services behind the load balancer', () => {
    const environment = testEnvironment({ services: { web: ['storefront'], workers: ['order-worker'] } });
    expect(environment.tier).toBe('production');
    expect(Object.keys(environment.services)).toEqual(['storefront', 'order-worker']);
    expect(environment.service('storefront').loadBalancerTarget).toBeDefined();
    expect(environment.network.subnets.isolated).toHaveLength(2);
    expect(() => environment.service('checkout')).toThrow('environment "test" has no service "checkout" (environments/test/environment.yaml); its services: storefront, order-worker');
  });
});
