import { DEFAULT_TIMEZONE } from '@agenda-cheia/contracts';

/** Brazil's IANA time zones, with the places people recognise them by. */
export const brazilianTimeZones: readonly { value: string; label: string }[] = [
  { value: DEFAULT_TIMEZONE, label: 'Horário de Brasília (America/Sao_Paulo)' },
  { value: 'America/Bahia', label: 'Bahia (America/Bahia)' },
  {
    value: 'America/Fortaleza',
    label: 'Ceará, Maranhão, Piauí, Rio Grande do Norte, Paraíba (America/Fortaleza)',
  },
  { value: 'America/Recife', label: 'Pernambuco (America/Recife)' },
  { value: 'America/Maceio', label: 'Alagoas, Sergipe (America/Maceio)' },
  { value: 'America/Belem', label: 'Pará (leste), Amapá (America/Belem)' },
  { value: 'America/Santarem', label: 'Pará (oeste) (America/Santarem)' },
  { value: 'America/Araguaina', label: 'Tocantins (America/Araguaina)' },
  { value: 'America/Cuiaba', label: 'Mato Grosso (America/Cuiaba)' },
  { value: 'America/Campo_Grande', label: 'Mato Grosso do Sul (America/Campo_Grande)' },
  { value: 'America/Manaus', label: 'Amazonas (America/Manaus)' },
  { value: 'America/Porto_Velho', label: 'Rondônia (America/Porto_Velho)' },
  { value: 'America/Boa_Vista', label: 'Roraima (America/Boa_Vista)' },
  { value: 'America/Rio_Branco', label: 'Acre (America/Rio_Branco)' },
  { value: 'America/Eirunepe', label: 'Amazonas (oeste) (America/Eirunepe)' },
  { value: 'America/Noronha', label: 'Fernando de Noronha (America/Noronha)' },
];
