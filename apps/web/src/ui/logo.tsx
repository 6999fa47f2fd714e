import logo from '../favicon.svg';

export function Logo({ className = 'h-6 w-6' }: { className?: string }) {
  return <img src={logo} alt="" className={className} />;
}
