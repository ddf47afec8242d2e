"""The voice pipeline: audio in/out, hearing, echo, barge-in, playback, the loop; imports agent."""
