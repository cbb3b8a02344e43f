import { describe, expect, it } from 'vitest';
import { cronForPreset, describeSchedule, normalizeCron, presetOfCron } from './schedulePresets';

describe('schedule presets', () => {
  it('recognises the presets in the stored cron, whatever the spacing', () => {
    expect(presetOfCron('0 9 * * *')).toBe('daily');
    expect(presetOfCron(' 0  14 * * 1,3,5 ')).toBe('monWedFri');
    expect(presetOfCron('30 10 * * 2')).toBe('custom');
  });

  it('turns a preset back into its cron, and keeps a custom one as typed', () => {
    expect(cronForPreset('daily', 'ignored')).toBe('0 9 * * *');
    expect(cronForPreset('monWedFri', '')).toBe('0 14 * * 1,3,5');
    expect(cronForPreset('custom', ' 30  10 * * 2 ')).toBe('30 10 * * 2');
  });

  it('round-trips every preset', () => {
    for (const preset of ['daily', 'monWedFri'] as const) {
      expect(presetOfCron(cronForPreset(preset, ''))).toBe(preset);
    }
  });

  it('normalizes spaces only', () => {
    expect(normalizeCron('\t0 9  * *   *\n')).toBe('0 9 * * *');
  });
});

describe('a schedule in words', () => {
  it('says the presets the way the owner picked them', () => {
    expect(describeSchedule('0 9 * * *')).toBe('Todo dia às 09:00');
    expect(describeSchedule('0 14 * * 1,3,5')).toBe('Segunda, quarta e sexta às 14:00');
  });

  it('reads weekdays, ranges, Sunday as 0 or 7, and several hours', () => {
    expect(describeSchedule('30 10 * * 2')).toBe('Toda terça-feira às 10:30');
    expect(describeSchedule('0 8 * * 1-5')).toBe('De segunda a sexta às 08:00');
    expect(describeSchedule('0 8 * * 1-6')).toBe('De segunda a sábado às 08:00');
    expect(describeSchedule('0 18 * * 7')).toBe('Todo domingo às 18:00');
    expect(describeSchedule('0 18 * * 6,0')).toBe('Sábado e domingo às 18:00');
    expect(describeSchedule('15 9,14 * * *')).toBe('Todo dia às 09:15 e 14:15');
  });

  it('gives up on what it cannot say simply', () => {
    expect(describeSchedule('*/15 * * * *')).toBeNull();
    expect(describeSchedule('0 9 1 * *')).toBeNull();
    expect(describeSchedule('0 9 * *')).toBeNull();
    expect(describeSchedule('0 25 * * *')).toBeNull();
  });
});
