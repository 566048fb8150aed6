@recorder
Feature: The recorder records every session under load
  load.calls sessions of load.callSeconds (defaults 100 × 10 s) live at once, each paused once:
  every recording is complete, padded over its pause, and holds only its own session's audio.

  @ROB-03 @bulk-capture
  Scenario: load.calls concurrent sessions are each recorded completely and on their own
    When load.calls recording sessions of load.callSeconds run at the recorder at once, each paused for a third of it
    Then every one of those recordings is complete, padded over its pause and holds only its own audio

  # Outside the default suite (cucumber.js excludes @load); needs GIR_PORT_BLOCK=4000.
  @ROB-03 @load @bulk-capture
  Scenario: 300 concurrent sessions of a minute are each recorded completely and on their own
    When 300 recording sessions of 60 seconds run at the recorder at once, each paused for a third of it
    Then every one of those recordings is complete, padded over its pause and holds only its own audio
