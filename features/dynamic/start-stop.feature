@dynamic
Feature: Dynamic recording started and stopped from the agent's desktop
  A T-Library client registered on a DN sends RequestPrivateService GSIP_RECORD_START (3013) to
  record the call named by ConnectionID, and GSIP_RECORD_STOP (3014) to stop it. The recording runs
  from the start request to the stop request; the party side follows the extension `record`.

  Background:
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN

  @DYN-01 @DYN-02 @DYN-13
  Scenario: GSIP_RECORD_START records the call from the request, GSIP_RECORD_STOP stops it
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 2 seconds
    And the agent's desktop requests GSIP_RECORD_STOP
    And they talk for 1 second
    And the caller hangs up
    Then every RequestPrivateService was acknowledged with EventACK
    And every request got exactly one response within the profile's CTI response time
    And the Media Server received one recording with the agent's DN as party side and Record-Side "source"
    And the recording holds the agent on channel 1 and the caller on channel 2 from the start request to the stop request

  @DYN-07
  Scenario: record=destination makes the other party the party side
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START with record 'destination'
    And they talk for 2 seconds
    And the caller hangs up
    Then the Media Server received one recording with the caller's DN as party side and Record-Side "destination"
    And the recording holds the caller on channel 1 and the agent on channel 2 from the start request to hang-up

  @DYN-07
  Scenario: record=source makes the requesting DN's party the party side
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START with record 'source'
    And they talk for 2 seconds
    And the caller hangs up
    Then the Media Server received one recording with the agent's DN as party side and Record-Side "source"
    And the recording holds the agent on channel 1 and the caller on channel 2 from the start request to hang-up

  @DYN-08
  Scenario: Partitions reach the Media Server normalised, and the attached data
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START with partitions ' sales, ,eu ,'
    And they talk for 1 second
    And the caller hangs up
    Then the partitions reach the Media Server as "sales,eu" and the metadata lists them as "sales|eu"
    And the GSIP_RECORD=ON attached data carried GRECORD_PARTITIONS "sales,eu"

  @DYN-09
  Scenario: Reasons are echoed unchanged in the response
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START with reasons '{"why":"PCI","ticket":7}'
    Then the response to the last request echoes its reasons unchanged

  @DYN-09
  Scenario: Reasons are echoed unchanged in an EventError too
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_PAUSE with reasons '{"why":"PCI"}'
    Then the agent's desktop got EventError InvalidState for its last request
    And the response to the last request echoes its reasons unchanged

  @DYN-01
  Scenario: After a stop, a new GSIP_RECORD_START opens a new recording session
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_STOP
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the caller hangs up
    Then every RequestPrivateService was acknowledged with EventACK
    And the Media Server received 2 recording sessions for the call
