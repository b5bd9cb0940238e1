"""VoiceQueue model tooling: ONNX export, golden data and parity checks for F5-TTS / E2-TTS (see GRAPH-CONTRACT.md)."""
