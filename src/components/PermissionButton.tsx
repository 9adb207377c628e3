// An action the user may lack permission for: visible but disabled, with the hover text
// "You do not have permission to <verb> <resource> in <ns>." (console-spec.md §0.4).
import { Button, Tooltip, type ButtonProps } from 'antd';

export function PermissionButton({ denied, ...props }: ButtonProps & { denied?: string }) {
  if (!denied) return <Button {...props} />;
  return (
    <Tooltip title={denied} trigger={['hover', 'focus']}>
      {/* A disabled button gets no pointer events; the span carries the hover text. */}
      <span style={{ display: 'inline-block', cursor: 'not-allowed' }} tabIndex={0} data-denied={denied}>
        <Button {...props} disabled style={{ ...props.style, pointerEvents: 'none' }} />
      </span>
    </Tooltip>
  );
}
