/**
 * The demo salon's catalogue. Shared by the demo seed and by the agents' evaluation, whose labelled
 * messages name services by these keys, so both always speak about the same salon.
 */
export interface DemoService {
  /** Stable key used by the evaluation set (`"service": "corte"`). */
  key: string;
  name: string;
  durationMin: number;
  priceCents: number;
  returnCycleDays: number;
  bufferAfterMin: number;
  /** Which demo professional performs it. */
  professional: 'ana' | 'bia';
}

export const demoCatalogue: readonly DemoService[] = [
  {
    key: 'corte',
    name: 'Corte feminino',
    durationMin: 60,
    priceCents: 8000,
    returnCycleDays: 30,
    bufferAfterMin: 10,
    professional: 'ana',
  },
  {
    key: 'corte_masculino',
    name: 'Corte masculino',
    durationMin: 30,
    priceCents: 4500,
    returnCycleDays: 21,
    bufferAfterMin: 0,
    professional: 'ana',
  },
  {
    key: 'barba',
    name: 'Barba',
    durationMin: 30,
    priceCents: 3500,
    returnCycleDays: 14,
    bufferAfterMin: 0,
    professional: 'ana',
  },
  {
    key: 'escova',
    name: 'Escova',
    durationMin: 45,
    priceCents: 6000,
    returnCycleDays: 7,
    bufferAfterMin: 0,
    professional: 'ana',
  },
  {
    key: 'hidratacao',
    name: 'Hidratação',
    durationMin: 60,
    priceCents: 9000,
    returnCycleDays: 30,
    bufferAfterMin: 0,
    professional: 'ana',
  },
  {
    key: 'coloracao',
    name: 'Coloração',
    durationMin: 120,
    priceCents: 18000,
    returnCycleDays: 45,
    bufferAfterMin: 15,
    professional: 'ana',
  },
  {
    key: 'progressiva',
    name: 'Progressiva',
    durationMin: 180,
    priceCents: 25000,
    returnCycleDays: 90,
    bufferAfterMin: 0,
    professional: 'ana',
  },
  {
    key: 'manicure',
    name: 'Manicure',
    durationMin: 45,
    priceCents: 3500,
    returnCycleDays: 14,
    bufferAfterMin: 0,
    professional: 'bia',
  },
  {
    key: 'pedicure',
    name: 'Pedicure',
    durationMin: 45,
    priceCents: 4000,
    returnCycleDays: 21,
    bufferAfterMin: 0,
    professional: 'bia',
  },
  {
    key: 'mao_e_pe',
    name: 'Mão e pé',
    durationMin: 90,
    priceCents: 7000,
    returnCycleDays: 14,
    bufferAfterMin: 0,
    professional: 'bia',
  },
  {
    key: 'sobrancelha',
    name: 'Design de sobrancelha',
    durationMin: 30,
    priceCents: 4000,
    returnCycleDays: 20,
    bufferAfterMin: 0,
    professional: 'bia',
  },
];
