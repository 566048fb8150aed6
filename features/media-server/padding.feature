@recorder
Feature: The recorder pads what it did not record with digital silence
  The harness plays the SIP Server toward the recorder under test. File time equals the session's
  wall time at the recorder: a paused span, and a media gap that is not a pause, are written as
  digital silence in both channels, and nothing that arrives while paused is written.

  @PAD-01 @PAD-05
  Scenario: A pause is padded with silence in both channels, from the pause to the resume
    Given a recording session at the recorder with both parties talking
    When the recording runs for 1 second
    And the recording is paused for 1.5 seconds
    And the recording runs for 1 second
    And the recording stops
    Then the recording file is padded with silence over every pause, in both channels
    And the recording file lasts as long as the session

  @PAD-01 @PAD-05
  Scenario: A pause by re-INVITE a=inactive is padded like an MSML pause
    Given a recording session at the recorder with both parties talking
    When the recording runs for 1 second
    And the recording is paused by re-INVITE for 1 second
    And the recording runs for 1 second
    And the recording stops
    Then the recording file is padded with silence over every pause, in both channels
    And the recording file lasts as long as the session

  @PAD-02
  Scenario: Audio that reaches the recorder while it is paused is not in the file
    Given a recording session at the recorder with both parties talking
    When the recording runs for 1 second
    And the recording is paused for 2 seconds
    And the recording runs for 1 second
    And the recording stops
    Then no audio the parties sent during a pause is in the file

  @PAD-03
  Scenario: Many pause and resume cycles are each padded
    Given a recording session at the recorder with both parties talking
    When the recording is paused and resumed as many times as the profile's pause cycles
    And the recording stops
    Then the recording file is padded with silence over every pause, in both channels
    And the recording file lasts as long as the session

  @PAD-03
  Scenario: A pause right after the start is padded
    Given a recording session at the recorder with both parties talking
    When the recording is paused for 1 second
    And the recording runs for 1 second
    And the recording stops
    Then the recording file is padded with silence over every pause, in both channels
    And the recording file lasts as long as the session

  @PAD-03
  Scenario: A pause held until the stop is padded to the end of the file
    Given a recording session at the recorder with both parties talking
    When the recording runs for 1 second
    And the recording is paused
    And 1 second passes
    And the recording stops
    Then the recording file is padded with silence over every pause, in both channels
    And the recording file lasts as long as the session

  @PAD-06
  Scenario: A media gap that is not a pause is padded and later audio keeps its time
    Given a recording session at the recorder with both parties talking
    When the recording runs for 1 second
    And the party side sends no audio for 1 second
    And the recording runs for 1 second
    And the recording stops
    Then the media gap is padded with silence and later audio keeps its time
    And the recording file lasts as long as the session
