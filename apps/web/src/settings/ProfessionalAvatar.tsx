import type { Professional } from '@agenda-cheia/contracts';
import { StoredImage } from '../files/FileView';
import { initialsOf } from '../inbox/labels';
import { textColorOn } from './colors';

/** A small round picture of a professional: the photo ringed in their agenda colour, or their initials on it. */
export function ProfessionalAvatar({
  professional,
}: {
  professional: Pick<Professional, 'name' | 'color' | 'photoFileId'>;
}) {
  const { name, color, photoFileId } = professional;
  const initials = (
    <span
      className="professional-avatar"
      style={{ backgroundColor: color, color: textColorOn(color) }}
      aria-hidden="true"
    >
      {initialsOf(name)}
    </span>
  );
  if (photoFileId === null) return initials;
  return (
    <span
      className="professional-avatar professional-avatar-photo"
      style={{ borderColor: color }}
      aria-hidden="true"
    >
      <StoredImage fileId={photoFileId} alt="" fallback={initialsOf(name)} />
    </span>
  );
}
