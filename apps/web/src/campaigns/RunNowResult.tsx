import type { ExecuteCampaignOutput } from '@agenda-cheia/contracts';
import { Link } from 'react-router';
import { describeFailure } from '../forms/errors';
import { FormMessage } from '../forms/Field';
import { describeRunStats } from './RunFigures';

/** The answer to "Executar agora": the run's figures, and why messages did not go out when they did not. */
export function RunNowResult({
  result,
  error,
}: {
  result: ExecuteCampaignOutput | undefined;
  error: unknown;
}) {
  if (error != null) return <FormMessage tone="error">{describeFailure(error).message}</FormMessage>;
  if (result === undefined) return null;
  const { stats } = result;
  const unsent = stats.offersCreated - stats.notificationsSent;
  return (
    <>
      <FormMessage tone="success">Execução concluída: {describeRunStats(stats)}.</FormMessage>
      {unsent > 0 ? (
        <p className="form-message form-message-warning">
          {unsent === 1 ? '1 oferta não foi enviada' : `${unsent} ofertas não foram enviadas`}: verifique a
          integração de WhatsApp em <Link to="/configuracoes/integracoes">Configurações › Integrações</Link>.
        </p>
      ) : null}
    </>
  );
}
