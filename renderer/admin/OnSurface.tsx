import { useEffect } from 'react';

/** A monitor given the role `admin` in hall.yaml opens the console (its own bundle, /admin/), which asks for the PIN. */
export function AdminOnSurface() {
  useEffect(() => {
    window.location.replace('/admin/');
  }, []);
  return null;
}
