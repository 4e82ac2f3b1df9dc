/**
 * Paged.js lays out one page per animation frame, and Chromium gives background tabs no frames:
 * with several tabs at once all but one would stall. A message-channel tick runs in any tab, and
 * without waiting for the next frame.
 */
export function tickWithoutFrames(): void {
  const channel = new MessageChannel();
  const callbacks: FrameRequestCallback[] = [];
  channel.port1.onmessage = () => callbacks.shift()?.(performance.now());
  window.requestAnimationFrame = (callback) => {
    callbacks.push(callback);
    channel.port2.postMessage(0);
    return callbacks.length;
  };
}
