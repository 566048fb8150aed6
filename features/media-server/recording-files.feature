@recorder
Feature: Each recording leaves a stereo WAV and its metadata
  The recorder writes G.711 decoded to 16-bit PCM at 8 kHz, channel 1 the party side (a=label:1),
  and a metadata JSON with the session's parameters and events; files appear under their final
  names only when complete.

  @MS-03
  Scenario: The WAV holds the party side in channel 1 and the metadata the session's parameters and events
    Given a recording session at the recorder with id, dest, partitions and agent
    When the recording runs for 1 second
    Then no file of the recording is under its final name yet
    When the recording is paused for 0.5 seconds
    And the recording runs for 0.5 seconds
    And the recording stops
    Then the recording file is a stereo 8 kHz 16-bit WAV with the party side in channel 1
    And the metadata holds the session's parameters, its start and stop and every pause and resume
