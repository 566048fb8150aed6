@recorder
Feature: The recorder survives malformed SIP and keeps serving
  RFC 4475's torture messages, truncated datagrams and garbage are answered with 400 or dropped;
  none of them stops the recorder from taking and recording the next session.

  @ROB-01
  Scenario: After the RFC 4475 torture messages, truncated datagrams and garbage the recorder still records
    Given a recording session at the recorder with both parties talking
    When the RFC 4475 torture messages, truncated datagrams and garbage are sent to the recorder
    And the recording runs for 0.5 seconds
    And the recording stops
    Then the recording file is a stereo 8 kHz 16-bit WAV with the party side in channel 1
    And the recorder still records a new session correctly
