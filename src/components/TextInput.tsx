// A plain text input with antd's look (tokens). The list page is a first route: antd's Input
// family (Search, Password, TextArea come with it) costs ~15 kB gzip there (bench budget).
import type { CSSProperties, InputHTMLAttributes } from 'react';
import { theme } from 'antd';
import styles from './TextInput.module.css';

export function TextInput({ style, className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  const { token } = theme.useToken();
  const vars = {
    '--ord-text': token.colorText,
    '--ord-bg': token.colorBgContainer,
    '--ord-border': token.colorBorder,
    '--ord-placeholder': token.colorTextPlaceholder,
    '--ord-primary': token.colorPrimary,
    '--ord-primary-hover': token.colorPrimaryHover,
    '--ord-focus': token.controlOutline,
  } as CSSProperties;
  return <input type="text" {...props} className={[styles.input, className].filter(Boolean).join(' ')} style={{ ...vars, ...style }} />;
}
