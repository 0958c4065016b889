import * as fs from 'node:fs';
import * as path from 'node:path';
import { ECS_PLATFORM_RULES } from './pack';

describe('the rule pack', () => {
  const files = fs.readdirSync(path.join(__dirname, 'rules'));

  it('has unique, well-formed ids', () => {
    const ids = ECS_PLATFORM_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z0-9]+-\d{3}$/);
  });

  it('holds every rule file, each with its own spec (a compliant and a non-compliant case)', () => {
    const ruleFiles = files.filter((file) => /^[a-z0-9]+-\d{3}\.ts$/.test(file)).map((file) => file.replace(/\.ts$/, '').toUpperCase());
    expect(ruleFiles.sort()).toEqual(ECS_PLATFORM_RULES.map((rule) => rule.id).sort());
    for (const rule of ECS_PLATFORM_RULES) {
      const spec = fs.readFileSync(path.join(__dirname, 'rules', `${rule.id.toLowerCase()}.spec.ts`), 'utf8');
      expect(spec).toMatch(/expectCompliant\(/);
      expect(spec).toMatch(/expectViolation\(/);
    }
  });

  it('documents each rule: description, tiers, resource types and scanner equivalents', () => {
    for (const rule of ECS_PLATFORM_RULES) {
      expect(rule.description.length).toBeGreaterThan(10);
      expect(rule.tiers.length).toBeGreaterThan(0);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
      expect(rule.equivalents.length).toBeGreaterThan(0);
    }
  });

  it('is listed in docs/policy.md', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../docs/policy.md'), 'utf8');
    for (const rule of ECS_PLATFORM_RULES) expect(doc).toContain(`| ${rule.id} |`);
  });
});
